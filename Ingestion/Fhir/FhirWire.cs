using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Xml;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;

namespace CodeUpdates.Ingestion.Fhir;

/// <summary>FHIR's wire forms, by the Firely SDK: JSON (default) or XML, chosen by <c>_format</c> or Accept.</summary>
public static class FhirWire
{
    public const string JsonType = "application/fhir+json";
    public const string XmlType = "application/fhir+xml";

    /// <summary>How deep a request body may nest (XML elements; JSON objects and arrays): far above any real Parameters.</summary>
    public const int MaxDepth = 64;

    private static readonly BaseFhirJsonSerializer JsonSerializer = new(ModelInfo.ModelInspector);
    private static readonly BaseFhirXmlSerializer XmlSerializer = new(ModelInfo.ModelInspector);
    private static readonly FhirJsonDeserializer JsonDeserializer = new(new DeserializerSettings());
    private static readonly FhirXmlDeserializer XmlDeserializer = new(new DeserializerSettings());

    /// <summary>The types each format goes by, its own first; the others are what clients commonly send for it.</summary>
    public static readonly IReadOnlyList<string> JsonTypes = [JsonType, "application/json", "application/json+fhir", "text/json"];

    public static readonly IReadOnlyList<string> XmlTypes = [XmlType, "application/xml", "application/xml+fhir", "text/xml"];

    /// <summary>The format to answer in, JSON when nothing decides; see <see cref="Negotiate"/>.</summary>
    public static FhirFormat Choose(string? format, string? accept) => Negotiate(format, accept) ?? FhirFormat.Json;

    /// <summary>
    /// <c>_format</c> wins over Accept (anything naming xml gives XML, everything else JSON). Accept is weighed as
    /// <see cref="MediaRanges"/> reads it: the format with the higher weight, on a tie the one the header names
    /// first, else JSON; null when Accept refuses both (<c>q=0</c>, or only other types), which is 406.
    /// </summary>
    public static FhirFormat? Negotiate(string? format, string? accept)
    {
        if (!string.IsNullOrWhiteSpace(format))
        {
            return format.Contains("xml", StringComparison.OrdinalIgnoreCase) && !PrefersJson(format) ? FhirFormat.Xml : FhirFormat.Json;
        }

        var ranges = MediaRanges.Parse(accept);
        var json = ranges.Best(JsonTypes);
        var xml = ranges.Best(XmlTypes);
        if (json.Quality <= 0 && xml.Quality <= 0)
        {
            return null;
        }

        var xmlWins = xml.Quality > json.Quality
            || (xml.Quality == json.Quality && (xml.Specificity > json.Specificity || (xml.Specificity == json.Specificity && xml.Position < json.Position)));
        return xmlWins ? FhirFormat.Xml : FhirFormat.Json;
    }

    public static FhirBody Serialize(Resource resource, FhirFormat format)
    {
        if (format == FhirFormat.Xml)
        {
            var text = new StringBuilder();
            // Stored descriptors may hold characters XML 1.0 cannot carry: the writer drops them rather than throw.
            using (var writer = new CleanTextXmlWriter(XmlWriter.Create(text, new XmlWriterSettings { OmitXmlDeclaration = true })))
            {
                XmlSerializer.Serialize(resource, writer);
            }

            return new FhirBody(Encoding.UTF8.GetBytes(text.ToString()), XmlType + "; charset=utf-8");
        }

        var buffer = new ArrayBufferWriter<byte>(512);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            JsonSerializer.Serialize(resource, writer);
        }

        return new FhirBody(buffer.WrittenSpan.ToArray(), JsonType + "; charset=utf-8");
    }

    /// <summary>
    /// A POSTed Parameters resource (JSON, or XML by its content type); an empty body is no parameters. A body
    /// nested deeper than <see cref="MaxDepth"/> is refused before the SDK reads it: its deserializers recurse
    /// once per level, and a deep enough body overflows the stack, which no handler can catch.
    /// </summary>
    public static bool TryReadParameters(string body, string? contentType, out Parameters parameters, out FhirAnswer error)
    {
        parameters = new Parameters();
        error = null!;
        if (string.IsNullOrWhiteSpace(body))
        {
            return true;
        }

        if (!TryRead<Parameters>(body, contentType, "a Parameters resource", out var read, out error))
        {
            return false;
        }

        parameters = read;
        return true;
    }

    /// <summary>A POSTed Bundle (a batch of operations), read as <see cref="TryReadParameters"/> reads, under the same depth bound.</summary>
    public static bool TryReadBundle(string body, string? contentType, out Bundle bundle, out FhirAnswer error)
    {
        bundle = null!;
        if (string.IsNullOrWhiteSpace(body))
        {
            error = FhirAnswer.Invalid("the body is empty: send a Bundle of type batch");
            return false;
        }

        if (!TryRead<Bundle>(body, contentType, "a Bundle of type batch", out var read, out error))
        {
            return false;
        }

        bundle = read;
        return true;
    }

    private static bool TryRead<T>(string body, string? contentType, string wanted, out T resource, out FhirAnswer error)
        where T : Resource
    {
        resource = null!;
        error = null!;
        var isXml = contentType is not null && contentType.Contains("xml", StringComparison.OrdinalIgnoreCase);
        try
        {
            if (!(isXml ? XmlWithinDepth(body) : JsonWithinDepth(body)))
            {
                error = FhirAnswer.Error(400, OperationOutcome.IssueType.TooCostly, $"the body is nested deeper than {MaxDepth} levels, which no request to this server needs");
                return false;
            }

            var read = isXml ? XmlDeserializer.DeserializeResource(body) : JsonDeserializer.DeserializeResource(body);
            if (read is T typed)
            {
                resource = typed;
                return true;
            }

            error = FhirAnswer.Invalid($"the body is a {read.TypeName}; send {wanted}");
        }
        catch (Exception ex) when (ex is DeserializationFailedException or FormatException or JsonException or XmlException)
        {
            error = FhirAnswer.Invalid($"the body is not {wanted}: " + ex.Message);
        }

        return false;
    }

    /// <summary>Reads the XML once, flat, counting element depth; no DTD (an entity could expand without bound).</summary>
    private static bool XmlWithinDepth(string body)
    {
        using var reader = XmlReader.Create(new StringReader(body), new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null });
        while (reader.Read())
        {
            if (reader.NodeType == XmlNodeType.Element && reader.Depth >= MaxDepth)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Reads the JSON once, flat, counting object and array depth.</summary>
    private static bool JsonWithinDepth(string body)
    {
        // The reader's own limit sits above ours, so that ours is the one that answers.
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(body), new JsonReaderOptions { MaxDepth = MaxDepth + 1 });
        while (reader.Read())
        {
            if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray && reader.CurrentDepth >= MaxDepth)
            {
                return false;
            }
        }

        return true;
    }

    private static bool PrefersJson(string asked) =>
        asked.Contains("json", StringComparison.OrdinalIgnoreCase)
        && asked.IndexOf("json", StringComparison.OrdinalIgnoreCase) < asked.IndexOf("xml", StringComparison.OrdinalIgnoreCase);
}
