using CodeUpdates.Ingestion.Lookup;
using CodeUpdates.Ingestion.Spans;
using CodeUpdates.Ingestion.Subscribers;

namespace CodeUpdates.Functions.OpenApi;

/// <summary>
/// What the OpenAPI document says of each HTTP function under <c>api/</c>, by function name. A function with no
/// note here is a gap <c>OpenApiDocumentTests</c> reports, so a new route cannot ship undescribed.
/// </summary>
public static class OperationNotes
{
    private const string Codes = "Codes";
    private const string Releases = "Releases";
    private const string Subscribers = "Subscribers";
    private const string SignIn = "Sign-in";
    private const string Fhir = "FHIR R4 terminology";
    private const string Changes = "Changes and code sets";
    private const string FhirJson = "application/fhir+json";
    private const string JsonType = "application/json";
    private const string CsvType = "text/csv";
    private const string XlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private static readonly QueryParameter ServiceDate =
        new("date", "The service date, yyyy-MM-dd; today (UTC) when left out.", Format: "date");

    private static readonly QueryParameter System =
        new("system", "The code system's FHIR canonical URL.");

    private static readonly QueryParameter KnownAt =
        new(
            "knownAt",
            "An ISO 8601 instant with its offset (2018-03-01T12:00:00Z): the answer the system gave at that instant, read from storage, with knownAt and knownAsOf (when the release that answered then was published). Omitted: now.",
            Format: "date-time");

    public static readonly IReadOnlyDictionary<string, OperationNote> ByFunction = new Dictionary<string, OperationNote>(StringComparer.Ordinal)
    {
        ["GetCode"] = new(
            Codes,
            "What a code meant, and whether it was valid, on a service date. 404 for a code no loaded release has.",
            [ServiceDate, KnownAt],
            [
                new("A code valid on the date", "/api/codes/hcpcs/G0279?date=2019-06-01", 200),
                new("A modifier", "/api/codes/hcpcs/A1?date=2019-06-01", 200),
                new("A code no loaded release has", "/api/codes/hcpcs/ZZZZZ", 404),
                new("A date that is not a date", "/api/codes/hcpcs/G0279?date=2019-13-01", 400),
            ]),
        ["GetCodeHistory"] = new(
            Codes,
            "Every version of a code, oldest first, with the words each one changed.",
            [KnownAt, new("include", "superseded: also the versions corrections and later releases replaced, with when they were known.", Values: ["superseded"])],
            [new("A code's versions", "/api/codes/hcpcs/G0279/history", 200)]),
        ["LookupCodes"] = new(
            Codes,
            "Up to 1,000 lookups in one call, answered in order; a code no release has answers { found: false }.",
            [],
            [
                new("Two lookups", "/api/codes/lookup", 200, """{ "items": [ { "system": "hcpcs", "code": "G0279", "date": "2019-06-01" }, { "system": "hcpcs", "code": "ZZZZZ", "date": "2019-06-01" } ] }""", "application/json"),
                new("A body that is not a batch", "/api/codes/lookup", 400, """{ "items": 7 }""", "application/json"),
            ],
            Body: new(typeof(LookupRequest), ["application/json"], LookupRequest.Example)),
        ["SearchCodes"] = new(
            Codes,
            "Codes whose code starts with the query, or whose text in force on the date has a word starting with each word of it.",
            [
                new("q", "The words or code prefix; at most 400 characters and 16 words.", Required: true),
                ServiceDate,
                new("status", "valid (default): codes valid on the date; any: every code, with its status that day.", Values: ["valid", "any"]),
                new("offset", "How many matches to skip.", Format: "int32"),
                new("count", "How many matches to answer (at most 100).", Format: "int32"),
                KnownAt,
            ],
            [new("Words", "/api/codes/hcpcs?q=dressing%20wound&date=2019-06-01", 200)]),
        ["ListReleases"] = new(
            Releases,
            "Every release loaded or refused, newest first: status, counts, hash, and for a refused file the reason.",
            [new("system", "Only this system's releases.", Values: ["hcpcs", "cpt"])],
            [new("Every release", "/api/releases", 200), new("One system", "/api/releases?system=hcpcs", 200)]),
        ["GetReleaseChanges"] = new(
            Releases,
            "A release's changes against the release before it: added, deleted, revised, reactivated, administrative, purged.",
            [
                new("format", "json (default), csv or xlsx.", Values: ["json", "csv", "xlsx"]),
                new(
                    "knownAt",
                    "An ISO 8601 instant with its offset: the changes of the file published for the date by then (a file a correction replaced since answers with its own changes); 404 when none was published by then.",
                    Format: "date-time"),
            ],
            [
                new("As JSON", "/api/releases/hcpcs/2019-01-01/changes", 200),
                new("As CSV", "/api/releases/hcpcs/2019-01-01/changes?format=csv", 200),
                new("A format not offered", "/api/releases/hcpcs/2019-01-01/changes?format=pdf", 400),
            ],
            FileTypes: ["application/json", "text/csv", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"]),
        ["GetSupersededReleaseChanges"] = new(
            Releases,
            "The changes, as they were published, of a file that was published for the date and later replaced by a correction (a corrections document applied, or a corrected file dropped later); GET /api/releases links each replaced file here (supersededChanges).",
            [new("format", "json (default), csv or xlsx.", Values: ["json", "csv", "xlsx"])],
            [
                new("A file that was not replaced", "/api/releases/hcpcs/2019-01-01/superseded/0000000000000000000000000000000000000000000000000000000000000000/changes", 404),
                new("Not a SHA-256", "/api/releases/hcpcs/2019-01-01/superseded/abc/changes", 400),
            ],
            FileTypes: ["application/json", "text/csv", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"]),
        ["GetChanges"] = new(
            Changes,
            "The net change between two service dates over every release loaded between them: added, deleted, revised; with codes= every listed code gets one row (also unchanged, invalid, unknown).",
            [
                new("from", "The earlier service date, yyyy-MM-dd.", Format: "date", Required: true),
                new("to", "The later service date, after from.", Format: "date", Required: true),
                new("codes", "A comma-separated code list; for a long list POST it instead."),
                new("format", "json (default), csv or xlsx.", Values: ["json", "csv", "xlsx"]),
                KnownAt,
            ],
            [
                new("The whole set", "/api/changes/hcpcs?from=2018-06-01&to=2019-06-01", 200),
                new("Three codes", "/api/changes/hcpcs?from=2018-06-01&to=2019-06-01&codes=G0279,A1,ZZ999", 200),
                new("As CSV", "/api/changes/hcpcs?from=2018-06-01&to=2019-06-01&format=csv", 200),
                new("from not before to", "/api/changes/hcpcs?from=2019-06-01&to=2019-01-01", 400),
                new("knownAt that is no instant", "/api/changes/hcpcs?from=2018-06-01&to=2019-06-01&knownAt=2019-06-01", 400),
            ],
            FileTypes: [JsonType, CsvType, XlsxType],
            FileJsonType: typeof(SpanChanges)),
        ["PostChanges"] = new(
            Changes,
            "The net change between two dates for a code list of up to 100,000 codes (a chargemaster, a fee schedule): every listed code gets one row.",
            [
                new("from", "The earlier service date, yyyy-MM-dd.", Format: "date", Required: true),
                new("to", "The later service date, after from.", Format: "date", Required: true),
                new("format", "json (default), csv or xlsx.", Values: ["json", "csv", "xlsx"]),
                KnownAt,
            ],
            [
                new("A CSV with a code column", "/api/changes/hcpcs?from=2018-06-01&to=2019-06-01", 200, "Description,HCPCS Code\nDressing,A1\nScreening,G0279\n", "text/csv"),
                new("A line that is no code", "/api/changes/hcpcs?from=2018-06-01&to=2019-06-01", 400, "G0279\nnot a code\n", "text/plain"),
                new("A form it cannot read", "/api/changes/hcpcs?from=2018-06-01&to=2019-06-01", 415, "<codes/>", "application/xml"),
            ],
            Body: new(null, ["text/plain", "text/csv", "application/json"], "code\nG0279\nE0114\n"),
            FileTypes: [JsonType, CsvType, XlsxType],
            FileJsonType: typeof(SpanChanges)),
        ["GetCodeSet"] = new(
            Changes,
            "Every code valid on a date (status=any: every code, with its status that day), streamed.",
            [
                new("format", "json (default), csv or xlsx.", Values: ["json", "csv", "xlsx"]),
                new("status", "valid (default) or any.", Values: ["valid", "any"]),
                KnownAt,
            ],
            [
                new("As JSON", "/api/code-sets/hcpcs/2019-06-01", 200),
                new("As Excel", "/api/code-sets/hcpcs/2019-06-01?format=xlsx", 200),
                new("A date that is not a date", "/api/code-sets/hcpcs/2019-02-30", 400),
            ],
            FileTypes: [JsonType, CsvType, XlsxType],
            FileJsonType: typeof(CodeSetDocument)),
        ["PutSubscriber"] = new(
            Subscribers,
            "Adds or changes who gets which systems' change reports (admins).",
            [],
            [new("Subscribe to HCPCS", "/api/subscribers/coder%40example.org", 200, SubscriberRequest.Example, "application/json")],
            Body: new(typeof(SubscriberRequest), ["application/json"], SubscriberRequest.Example)),
        ["ListSubscribers"] = new(
            Subscribers,
            "Everyone who gets change reports (admins).",
            [],
            [new("The list", "/api/subscribers", 200)]),
        ["DeleteSubscriber"] = new(
            Subscribers,
            "Stops a subscriber's reports (admins).",
            [],
            [new("A subscriber that is not there", "/api/subscribers/nobody%40example.org", 404)]),
        ["PutSubscriberCodes"] = new(
            Subscribers,
            "Replaces a subscriber's code list (up to 100,000 codes): their report mail then leads with the changes to their codes (admins).",
            [],
            [
                new("A list, one code a line", "/api/subscribers/coder%40example.org/codes", 200, "G0279\nE0114\nA1\n", "text/plain"),
                new("A line that is no code", "/api/subscribers/coder%40example.org/codes", 400, "G0279\nnot a code\n", "text/plain"),
            ],
            Body: new(null, ["text/plain", "text/csv", "application/json"], "code\nG0279\nE0114\n")),
        ["GetSubscriberCodes"] = new(
            Subscribers,
            "A subscriber's code list (admins).",
            [],
            [new("The list", "/api/subscribers/coder%40example.org/codes", 200)]),
        ["DeleteSubscriberCodes"] = new(
            Subscribers,
            "Removes a subscriber's code list: their mail is the whole report again (admins).",
            [],
            [new("No such subscriber", "/api/subscribers/nobody%40example.org/codes", 404)]),
        ["GetMe"] = new(
            SignIn,
            "Who the caller is and what the caller may do.",
            [],
            [new("Signed in or local", "/api/me", 200)]),
        ["GetOpenApiDocument"] = new(
            "API",
            "This document: every route under api/, its parameters, its answers and examples that answer as shown.",
            [],
            [new("The document", "/api/openapi.json", 200)]),
        ["FhirMetadata"] = new(
            Fhir,
            "The CapabilityStatement; with mode=terminology the TerminologyCapabilities.",
            [new("mode", "terminology for the TerminologyCapabilities.", Values: ["full", "normative", "terminology"])],
            [new("CapabilityStatement", "/api/fhir/metadata", 200), new("TerminologyCapabilities", "/api/fhir/metadata?mode=terminology", 200)]),
        ["FhirSearchCodeSystems"] = new(
            Fhir,
            "Each loaded release as a CodeSystem (content not-present), in a searchset Bundle.",
            [new("url", "The code system's canonical URL."), new("version", "A release's effective date.")],
            [new("Every release", "/api/fhir/CodeSystem", 200)]),
        ["FhirReadCodeSystem"] = new(
            Fhir,
            "One release as a CodeSystem.",
            [],
            [new("A release", "/api/fhir/CodeSystem/hcpcs-2019-01-01", 200), new("No such release", "/api/fhir/CodeSystem/hcpcs-1999-01-01", 404)]),
        ["FhirSearchValueSets"] = new(
            Fhir,
            "The implicit value set of all codes of each system ({url}?fhir_vs), in a searchset Bundle.",
            [new("url", "The value set's canonical URL."), new("version", "A release's effective date.")],
            [new("Every value set", "/api/fhir/ValueSet", 200)]),
        ["FhirReadValueSet"] = new(
            Fhir,
            "One implicit value set (hcpcs-all, cpt-all).",
            [],
            [new("All HCPCS codes", "/api/fhir/ValueSet/hcpcs-all", 200), new("No such value set", "/api/fhir/ValueSet/nothing", 404)]),
        ["FhirVersions"] = new(
            Fhir,
            "$versions: the FHIR versions this server speaks, and its default.",
            [],
            [new("Versions", "/api/fhir/$versions", 200)]),
        ["FhirBatch"] = new(
            Fhir,
            "A batch Bundle of up to 1,000 $validate-code and $lookup requests (a claim's lines), answered entry by entry; a bad entry fails alone.",
            [],
            [new("Two claim lines", "/api/fhir", 200, BatchExample, FhirJson)],
            Body: new(null, [FhirJson], BatchExample)),
        ["FhirLookup"] = new(
            Fhir,
            "CodeSystem/$lookup on a date: the display in force, the other descriptors, status and validity.",
            [System, new("code", "The code.", Required: true), ServiceDate, new("version", "Pins a release (its effective date)."), KnownAt],
            [new("A code", "/api/fhir/CodeSystem/$lookup?system=http://www.cms.gov/Medicare/Coding/HCPCSReleaseCodeSets&code=G0279&date=2019-06-01", 200)]),
        ["FhirCodeSystemValidateCode"] = new(
            Fhir,
            "CodeSystem/$validate-code on a date: result as the JSON API's valid.",
            [new("url", "The code system's canonical URL."), new("code", "The code.", Required: true), new("display", "A display to check."), ServiceDate, KnownAt],
            [new("A valid code", "/api/fhir/CodeSystem/$validate-code?url=http://www.cms.gov/Medicare/Coding/HCPCSReleaseCodeSets&code=G0279&date=2019-06-01", 200)]),
        ["FhirValueSetValidateCode"] = new(
            Fhir,
            "ValueSet/$validate-code over the implicit value set of all codes ({url}?fhir_vs).",
            [new("url", "The value set's canonical URL."), System, new("code", "The code.", Required: true), ServiceDate, KnownAt],
            [new("A valid code", "/api/fhir/ValueSet/$validate-code?url=http://www.cms.gov/Medicare/Coding/HCPCSReleaseCodeSets?fhir_vs&system=http://www.cms.gov/Medicare/Coding/HCPCSReleaseCodeSets&code=G0279&date=2019-06-01", 200)]),
        ["FhirExpand"] = new(
            Fhir,
            "ValueSet/$expand of the implicit value set, filtered by words as search is, on a date.",
            [new("url", "The value set's canonical URL.", Required: true), new("filter", "Words or a code prefix."), ServiceDate, new("offset", "Codes to skip.", Format: "int32"), new("count", "Codes to answer.", Format: "int32")],
            [new("Filtered", "/api/fhir/ValueSet/$expand?url=http://www.cms.gov/Medicare/Coding/HCPCSReleaseCodeSets?fhir_vs&filter=dressing&date=2019-06-01&count=5", 200)]),
        ["FhirTranslate"] = new(
            Fhir,
            "ConceptMap/$translate: a deleted code to the codes CMS names to use instead.",
            [System, new("code", "The code.", Required: true), ServiceDate],
            [new("A code", "/api/fhir/ConceptMap/$translate?system=http://www.cms.gov/Medicare/Coding/HCPCSReleaseCodeSets&code=G0279&date=2019-06-01", 200)]),
    };

    private const string BatchExample = """{ "resourceType": "Bundle", "type": "batch", "entry": [ { "request": { "method": "GET", "url": "CodeSystem/$validate-code?system=http://www.cms.gov/Medicare/Coding/HCPCSReleaseCodeSets&code=G0279&date=2019-06-01" } }, { "request": { "method": "GET", "url": "CodeSystem/$lookup?system=http://www.cms.gov/Medicare/Coding/HCPCSReleaseCodeSets&code=A1&date=2019-06-01" } } ] }""";

    /// <summary>The media type FHIR operations answer in (XML too, by Accept or _format).</summary>
    public static string FhirMediaType => FhirJson;
}
