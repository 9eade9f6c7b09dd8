using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Xml;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;

namespace CodeUpdates.Ingestion.Fhir;

public enum FhirFormat
{
    Json,
    Xml,
}

/// <summary>A serialised resource with the content type it is sent as.</summary>
public sealed record FhirBody(byte[] Content, string ContentType);

/// <summary>FHIR's wire forms, by the Firely SDK: JSON (default) or XML, chosen by <c>_format</c> or Accept.</summary>
public static class FhirWire
{
    public const string JsonType = "application/fhir+json";
    public const string XmlType = "application/fhir+xml";

    private static readonly BaseFhirJsonSerializer JsonSerializer = new(ModelInfo.ModelInspector);
    private static readonly BaseFhirXmlSerializer XmlSerializer = new(ModelInfo.ModelInspector);
    private static readonly FhirJsonDeserializer JsonDeserializer = new(new DeserializerSettings());
    private static readonly FhirXmlDeserializer XmlDeserializer = new(new DeserializerSettings());

    /// <summary><c>_format</c> wins over Accept; anything naming xml gives XML, everything else JSON.</summary>
    public static FhirFormat Choose(string? format, string? accept)
    {
        var asked = string.IsNullOrWhiteSpace(format) ? accept : format;
        return asked is not null && asked.Contains("xml", StringComparison.OrdinalIgnoreCase) && !PrefersJson(asked) ? FhirFormat.Xml : FhirFormat.Json;
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

    /// <summary>A POSTed Parameters resource (JSON, or XML by its content type); an empty body is no parameters.</summary>
    public static bool TryReadParameters(string body, string? contentType, out Parameters parameters, out FhirAnswer error)
    {
        parameters = new Parameters();
        error = null!;
        if (string.IsNullOrWhiteSpace(body))
        {
            return true;
        }

        try
        {
            var resource = contentType is not null && contentType.Contains("xml", StringComparison.OrdinalIgnoreCase)
                ? XmlDeserializer.DeserializeResource(body)
                : JsonDeserializer.DeserializeResource(body);
            if (resource is Parameters read)
            {
                parameters = read;
                return true;
            }

            error = FhirAnswer.Invalid($"the body is a {resource.TypeName}; send a Parameters resource");
        }
        catch (Exception ex) when (ex is DeserializationFailedException or FormatException or JsonException or XmlException)
        {
            error = FhirAnswer.Invalid("the body is not a FHIR Parameters resource: " + ex.Message);
        }

        return false;
    }

    private static bool PrefersJson(string asked) =>
        asked.Contains("json", StringComparison.OrdinalIgnoreCase)
        && asked.IndexOf("json", StringComparison.OrdinalIgnoreCase) < asked.IndexOf("xml", StringComparison.OrdinalIgnoreCase);
}
