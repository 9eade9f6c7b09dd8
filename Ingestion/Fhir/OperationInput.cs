using CodeUpdates.Ingestion.Answers;
using Hl7.Fhir.Model;

namespace CodeUpdates.Ingestion.Fhir;

/// <summary>
/// An operation's input parameters, read the same way whether they came as a query string (GET) or as
/// a Parameters resource (POST): by name, primitive values as their FHIR string form; the parameters several
/// operations share are parsed here once, with the same 400 for each.
/// </summary>
public sealed class OperationInput
{
    private readonly IReadOnlyList<Parameters.ParameterComponent> parameters;

    private OperationInput(IReadOnlyList<Parameters.ParameterComponent> parameters) => this.parameters = parameters;

    public static OperationInput From(Parameters? parameters) => new(parameters?.Parameter ?? []);

    /// <summary>
    /// Query values as parameters. Names starting with <c>_</c> (<c>_format</c>, <c>_pretty</c>) steer the
    /// response, not the operation. A <c>coding</c> on a query is written <c>system|code</c>.
    /// </summary>
    public static OperationInput FromQuery(IEnumerable<KeyValuePair<string, string?>> query)
    {
        var list = new List<Parameters.ParameterComponent>();
        foreach (var (name, value) in query)
        {
            if (name.StartsWith('_') || value is null)
            {
                continue;
            }

            DataType typed = name == "coding" && value.Split('|', 2) is [var system, var code]
                ? new Coding(system, code)
                : new FhirString(value);
            list.Add(new Parameters.ParameterComponent { Name = name, Value = typed });
        }

        return new OperationInput(list);
    }

    /// <summary>A POSTed Parameters resource with any parameters the query string adds.</summary>
    public static OperationInput From(Parameters? body, IEnumerable<KeyValuePair<string, string?>> query) =>
        new([.. body?.Parameter ?? [], .. FromQuery(query).parameters]);

    /// <summary>
    /// A 400 naming the first of <paramref name="singles"/> (parameters <paramref name="operation"/> takes at most once)
    /// that was given more than once, counting the body and the query together; null when none was.
    /// </summary>
    public FhirAnswer? Repeated(IEnumerable<string> singles, string operation) =>
        singles.FirstOrDefault(name => parameters.Count(p => p.Name == name) > 1) is { } name
            ? FhirAnswer.Invalid($"the parameter '{name}' was given more than once; {operation} takes it at most once (in the query and the body together)")
            : null;

    /// <summary>The first value of the parameter as text, or null when absent.</summary>
    public string? Text(string name) => Texts(name).FirstOrDefault();

    public IEnumerable<string> Texts(string name) =>
        parameters.Where(p => p.Name == name).Select(p => TextOf(p.Value)).OfType<string>();

    public Coding? Coding(string name) => parameters.FirstOrDefault(p => p.Name == name)?.Value as Coding;

    public CodeableConcept? CodeableConcept(string name) => parameters.FirstOrDefault(p => p.Name == name)?.Value as CodeableConcept;

    /// <summary>The <c>date</c> parameter: yyyy-MM-dd (a dateTime's day is taken); absent means <paramref name="fallback"/>.</summary>
    public bool TryDate(DateOnly fallback, out DateOnly date, out FhirAnswer error)
    {
        var text = Text("date");
        if (text is { Length: > 10 } && text[10] == 'T')
        {
            text = text[..10];
        }

        var ok = RequestValues.TryDate(text, fallback, out date, out var message);
        error = ok ? null! : FhirAnswer.Invalid(message!);
        return ok;
    }

    public bool TryBoolean(string name, bool fallback, out bool value, out FhirAnswer error)
    {
        var text = Text(name);
        value = fallback;
        error = null!;
        if (text is null)
        {
            return true;
        }

        if (bool.TryParse(text, out value))
        {
            return true;
        }

        error = FhirAnswer.Invalid($"{name} '{text}' is not a boolean: use true or false");
        return false;
    }

    public bool TryCount(string name, int fallback, out int value, out FhirAnswer error)
    {
        var text = Text(name);
        value = fallback;
        error = null!;
        if (text is null)
        {
            return true;
        }

        if (int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out value))
        {
            return true;
        }

        error = FhirAnswer.Invalid($"{name} '{text}' is not a whole number of zero or more");
        return false;
    }

    private static string? TextOf(DataType? value) => value switch
    {
        FhirBoolean b => b.Value is { } v ? (v ? "true" : "false") : null,
        PrimitiveType p => p.ToString(),
        _ => null,
    };
}
