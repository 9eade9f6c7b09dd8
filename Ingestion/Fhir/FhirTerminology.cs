using CodeUpdates.Ingestion.Answers;
using CodeUpdates.Ingestion.Lookup;
using CodeUpdates.Ingestion.Releases;
using CodeUpdates.Ingestion.Search;
using CodeUpdates.Ingestion.Versions;
using Hl7.Fhir.Model;
using FhirCodeSystem = Hl7.Fhir.Model.CodeSystem;
using CodeSystem = CodeUpdates.Ingestion.Releases.CodeSystem;

namespace CodeUpdates.Ingestion.Fhir;

/// <summary>
/// The FHIR R4 terminology operations over the in-memory versions (DESIGN.md "FHIR R4 terminology").
/// Every answer about a code on a date is built from <see cref="CodeAnswer.From"/>, the JSON API's
/// answer, so the two doors cannot disagree; <c>$expand</c> uses <see cref="CodeSearch"/>.
/// </summary>
public sealed class FhirTerminology(IVersionSource versions, ICodeSystemReleases releases, TimeProvider time)
{
    /// <summary>The code properties $lookup returns and each CodeSystem declares.</summary>
    public static readonly IReadOnlyList<(string Code, FhirCodeSystem.PropertyType Type, string Description)> Properties =
    [
        ("inactive", FhirCodeSystem.PropertyType.Boolean, "True when the code is not valid for services on the date asked about"),
        ("status", FhirCodeSystem.PropertyType.Code, "active | terminated | not-yet-effective on the date asked about"),
        ("validFrom", FhirCodeSystem.PropertyType.DateTime, "First service date the code is valid (HCPCS ADD DT)"),
        ("validTo", FhirCodeSystem.PropertyType.DateTime, "Last service date the code is valid (HCPCS TERM DT), when it ends"),
        ("replacedBy", FhirCodeSystem.PropertyType.Code, "A code to use instead (HCPCS XREF), one property per code"),
    ];

    // Each operation's input parameters of cardinality 0..1 in the R4 specification (the others, such as
    // $lookup's property, may repeat). One given twice is refused rather than one of them silently taken.
    private static readonly string[] LookupSingles = ["code", "system", "version", "coding", "date", "displayLanguage"];

    private static readonly string[] ValidateCodeSingles =
        ["url", "context", "valueSet", "valueSetVersion", "code", "system", "systemVersion", "version", "display", "coding", "codeableConcept", "date", "abstract", "displayLanguage"];

    private static readonly string[] ExpandSingles =
        ["url", "valueSet", "valueSetVersion", "context", "contextDirection", "filter", "date", "offset", "count", "includeDesignations", "includeDefinition", "activeOnly",
            "excludeNested", "excludeNotForUI", "excludePostCoordinated", "displayLanguage", "limitedExpansion"];

    private static readonly string[] TranslateSingles =
        ["url", "conceptMap", "conceptMapVersion", "code", "system", "version", "source", "coding", "codeableConcept", "target", "targetsystem", "reverse"];

    /// <summary><c>GET metadata</c>: the CapabilityStatement, or with <c>mode=terminology</c> the TerminologyCapabilities.</summary>
    public async Task<FhirAnswer> MetadataAsync(string? mode, string baseUrl, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(mode) || mode == "full")
        {
            return FhirAnswer.Ok(FhirCapabilities.Statement(baseUrl, Now()));
        }

        if (mode != "terminology")
        {
            return FhirAnswer.Invalid($"mode '{mode}' is not offered: use mode=terminology or no mode");
        }

        var index = await versions.GetAsync(cancellationToken);
        var bySystem = new Dictionary<CodeSystem, IReadOnlyList<CodeSystemRelease>>();
        foreach (var system in FhirCodeSystems.All)
        {
            bySystem[system] = await releases.ListAsync(system, index, cancellationToken);
        }

        return FhirAnswer.Ok(FhirCapabilities.Terminology(baseUrl, Now(), bySystem));
    }

    /// <summary><c>GET CodeSystem?url=&amp;version=</c>: a searchset of one CodeSystem per loaded release.</summary>
    public async Task<FhirAnswer> SearchCodeSystemsAsync(string? url, string? version, string baseUrl, CancellationToken cancellationToken)
    {
        IEnumerable<CodeSystem> systems = FhirCodeSystems.All;
        if (!string.IsNullOrEmpty(url))
        {
            // An unknown URL is a search that matches nothing, not an error.
            systems = FhirCodeSystems.TryParseUrl(url, out var one) ? [one] : [];
        }

        var index = await versions.GetAsync(cancellationToken);
        var bundle = new Bundle { Type = Bundle.BundleType.Searchset, Timestamp = time.GetUtcNow() };
        foreach (var system in systems)
        {
            foreach (var release in await releases.ListAsync(system, index, cancellationToken))
            {
                if (string.IsNullOrEmpty(version) || version == release.Version)
                {
                    var resource = CodeSystemOf(release);
                    bundle.Entry.Add(new Bundle.EntryComponent
                    {
                        FullUrl = $"{baseUrl.TrimEnd('/')}/CodeSystem/{resource.Id}",
                        Resource = resource,
                        Search = new Bundle.SearchComponent { Mode = Bundle.SearchEntryMode.Match },
                    });
                }
            }
        }

        bundle.Total = bundle.Entry.Count;
        return FhirAnswer.Ok(bundle);
    }

    /// <summary><c>GET CodeSystem/{id}</c>, the id being <c>{system}-{effective}</c>.</summary>
    public async Task<FhirAnswer> ReadCodeSystemAsync(string? id, CancellationToken cancellationToken)
    {
        if (FhirCodeSystems.TryParseResourceId(id, out var system, out var effective))
        {
            var index = await versions.GetAsync(cancellationToken);
            var release = (await releases.ListAsync(system, index, cancellationToken)).FirstOrDefault(r => r.Effective == effective);
            if (release is not null)
            {
                return FhirAnswer.Ok(CodeSystemOf(release));
            }
        }

        return FhirAnswer.NotFound($"CodeSystem/{id} is not known: ids are a system and a loaded release's effective date, for example hcpcs-2019-01-01");
    }

    /// <summary><c>CodeSystem/$lookup</c>: the code's text and properties as in force on <c>date</c>.</summary>
    public async Task<FhirAnswer> LookupAsync(OperationInput input, CancellationToken cancellationToken)
    {
        if (Repeated(input, LookupSingles, "$lookup") is { } repeated)
        {
            return repeated;
        }

        var coding = input.Coding("coding");
        var request = await ResolveAsync(input, input.Text("system") ?? coding?.System, input.Text("code") ?? coding?.Code, "system", cancellationToken);
        if (request.Error is { } error)
        {
            return error;
        }

        if (request.Answer is not { } answer)
        {
            return FhirAnswer.NotFound(request.UnknownReason);
        }

        var wanted = input.Texts("property").ToHashSet(StringComparer.Ordinal);
        var output = new Parameters();
        output.Add("name", new FhirString(request.System.Title()));
        if (request.Release is { } release)
        {
            output.Add("version", new FhirString(release.Version));
        }

        output.Add("display", new FhirString(Display(answer)));
        foreach (var kind in DescriptorKind.All)
        {
            if (kind != DescriptorKind.Long && answer.Descriptors.TryGetValue(kind, out var text))
            {
                output.Add("designation", [
                    Tuple.Create("use", (Base)DesignationUse(kind)),
                    Tuple.Create("value", (Base)new FhirString(text)),
                ]);
            }
        }

        foreach (var (code, value) in PropertiesOf(answer))
        {
            if (wanted.Count == 0 || wanted.Contains(code))
            {
                output.Add("property", [Tuple.Create("code", (Base)new Code(code)), Tuple.Create("value", (Base)value)]);
            }
        }

        return FhirAnswer.Ok(output);
    }

    /// <summary>
    /// <c>CodeSystem/$validate-code</c> (<paramref name="valueSet"/> false: <c>url</c> is the code system)
    /// and <c>ValueSet/$validate-code</c> (<c>url</c> is <c>{system}?fhir_vs</c>). An unknown code is a
    /// false result, not an error.
    /// </summary>
    public async Task<FhirAnswer> ValidateCodeAsync(OperationInput input, bool valueSet, CancellationToken cancellationToken)
    {
        if (Repeated(input, ValidateCodeSingles, "$validate-code") is { } repeated)
        {
            return repeated;
        }

        var url = input.Text("url");
        string? systemUrl;
        if (valueSet)
        {
            if (string.IsNullOrEmpty(url))
            {
                return FhirAnswer.Invalid("url is required: the value set of all codes of a system, for example " + CodeSystem.Hcpcs.AllCodesValueSet());
            }

            if (!FhirCodeSystems.TryParseValueSetUrl(url, out var vsSystem))
            {
                return FhirAnswer.NotFound($"ValueSet '{url}' is not known: use {CodeSystem.Hcpcs.AllCodesValueSet()} or {CodeSystem.Cpt.AllCodesValueSet()}");
            }

            systemUrl = vsSystem.Url();
        }
        else
        {
            systemUrl = url ?? input.Text("system");
        }

        // The code comes from code (+ system), coding, or the first coding of codeableConcept in the system.
        var coding = input.Coding("coding");
        var concept = input.CodeableConcept("codeableConcept");
        var code = input.Text("code");
        var display = input.Text("display");
        if (code is null && coding is not null)
        {
            code = coding.Code;
            display ??= coding.Display;
            systemUrl ??= coding.System;
        }
        else if (code is null && concept is not null)
        {
            var chosen = concept.Coding.FirstOrDefault(c => systemUrl is null || c.System == systemUrl) ?? concept.Coding.FirstOrDefault();
            code = chosen?.Code;
            display ??= chosen?.Display;
            systemUrl ??= chosen?.System;
        }

        if (valueSet && input.Text("system") is { } stated && stated != systemUrl)
        {
            return Validation(false, $"system '{stated}' is not in the value set {url}", null, null);
        }

        var request = await ResolveAsync(input, systemUrl, code, valueSet ? "url" : "url or system", cancellationToken);
        if (request.Error is { } error)
        {
            return error;
        }

        if (request.Answer is not { } answer)
        {
            return Validation(false, request.UnknownReason, null, null);
        }

        var shown = Display(answer);
        OperationOutcome? issues = null;
        if (!string.IsNullOrWhiteSpace(display) && !answer.Descriptors.Values.Any(d => string.Equals(TextNormalizer.Collapse(d), TextNormalizer.Collapse(display), StringComparison.OrdinalIgnoreCase)))
        {
            issues = FhirAnswer.Outcome(
                OperationOutcome.IssueSeverity.Warning,
                OperationOutcome.IssueType.Invalid,
                $"display '{display}' does not match the text of {answer.Code} in force on {IsoDate.Format(answer.Date)}: '{shown}'");
        }

        return Validation(answer.Valid, answer.Reason, shown, issues);
    }

    /// <summary><c>ValueSet/$expand</c> of <c>{system}?fhir_vs</c>: the codes matching <c>filter</c> (DESIGN.md "Search") as of <c>date</c>.</summary>
    public async Task<FhirAnswer> ExpandAsync(OperationInput input, CancellationToken cancellationToken)
    {
        if (Repeated(input, ExpandSingles, "$expand") is { } repeated)
        {
            return repeated;
        }

        var url = input.Text("url");
        if (string.IsNullOrEmpty(url))
        {
            return FhirAnswer.Invalid("url is required: the value set of all codes of a system, for example " + CodeSystem.Hcpcs.AllCodesValueSet());
        }

        if (!FhirCodeSystems.TryParseValueSetUrl(url, out var system))
        {
            return FhirAnswer.NotFound($"ValueSet '{url}' is not known: use {CodeSystem.Hcpcs.AllCodesValueSet()} or {CodeSystem.Cpt.AllCodesValueSet()}");
        }

        if (!TryDate(input, Today(), out var date, out var error)
            || !TryBoolean(input, "activeOnly", true, out var activeOnly, out error)
            || !TryCount(input, "offset", 0, out var offset, out error)
            || !TryCount(input, "count", CodeSearchQuery.MaxCount, out var count, out error))
        {
            return error;
        }

        var filter = input.Text("filter");
        if (!CodeSearchQuery.AcceptsText(filter, out var tooLong))
        {
            return FhirAnswer.Invalid(tooLong);
        }

        var index = await versions.GetAsync(cancellationToken);
        var release = CodeSystemRelease.InForce(await releases.ListAsync(system, index, cancellationToken), date);
        var result = await CodeSearch.RunAsync(index, new CodeSearchQuery(system, filter, date, activeOnly ? SearchStatus.Valid : SearchStatus.Any, offset, count), cancellationToken);

        var expansion = new ValueSet.ExpansionComponent
        {
            Identifier = "urn:uuid:" + Guid.NewGuid(),
            Timestamp = Now(),
            Total = result.Total,
            Offset = offset,
        };
        if (!string.IsNullOrEmpty(filter))
        {
            expansion.Parameter.Add(new ValueSet.ParameterComponent { Name = "filter", Value = new FhirString(filter) });
        }

        expansion.Parameter.Add(new ValueSet.ParameterComponent { Name = "date", Value = new FhirDateTime(IsoDate.Format(date)) });
        expansion.Parameter.Add(new ValueSet.ParameterComponent { Name = "activeOnly", Value = new FhirBoolean(activeOnly) });
        expansion.Parameter.Add(new ValueSet.ParameterComponent { Name = "count", Value = new Integer(count) });
        if (release is not null)
        {
            expansion.Parameter.Add(new ValueSet.ParameterComponent { Name = "version", Value = new FhirUri($"{system.Url()}|{release.Version}") });
        }

        foreach (var match in result.Matches)
        {
            expansion.Contains.Add(new ValueSet.ContainsComponent
            {
                System = system.Url(),
                Version = release?.Version,
                Code = match.Version.Code,
                Display = match.Version.Descriptors.GetValueOrDefault(DescriptorKind.Long) ?? match.Version.Descriptors.GetValueOrDefault(DescriptorKind.Short),
                Inactive = !match.Valid,
            });
        }

        return FhirAnswer.Ok(new ValueSet
        {
            Url = url,
            Name = system == CodeSystem.Hcpcs ? "AllHcpcsCodes" : "AllCptCodes",
            Title = $"All {system.Title()} codes",
            Status = PublicationStatus.Active,
            Expansion = expansion,
        });
    }

    /// <summary><c>ConceptMap/$translate</c>: a deleted code to the codes to use instead (HCPCS XREF).</summary>
    public async Task<FhirAnswer> TranslateAsync(OperationInput input, CancellationToken cancellationToken)
    {
        if (Repeated(input, TranslateSingles, "$translate") is { } repeated)
        {
            return repeated;
        }

        if (input.Text("url") is { Length: > 0 } url)
        {
            return FhirAnswer.NotFound($"ConceptMap '{url}' is not known: call ConceptMap/$translate without url to map a deleted code to its replacements");
        }

        var coding = input.Coding("coding") ?? input.CodeableConcept("codeableConcept")?.Coding.FirstOrDefault();
        var request = await ResolveAsync(input, input.Text("system") ?? coding?.System, input.Text("code") ?? coding?.Code, "system", cancellationToken);
        if (request.Error is { } error)
        {
            return error;
        }

        if (request.Answer is not { } answer)
        {
            return TranslateResult(false, request.UnknownReason);
        }

        var target = input.Text("targetsystem") ?? input.Text("target");
        if (target is not null && target != request.System.Url() && target != request.System.AllCodesValueSet())
        {
            return TranslateResult(false, $"{answer.Code} maps only to codes of its own system, {request.System.Url()}");
        }

        if (answer.ReplacedBy.Count == 0)
        {
            return TranslateResult(false, $"{answer.Code} names no replacement code ({answer.Reason})");
        }

        var output = TranslateResult(true, answer.Reason);
        var index = await versions.GetAsync(cancellationToken);
        foreach (var replacement in answer.ReplacedBy)
        {
            var concept = new Coding(request.System.Url(), replacement);
            if (index.Find(request.System, replacement) is { } found)
            {
                concept.Display = Display(CodeAnswer.From(found, answer.Date));
                concept.Version = request.Release?.Version;
            }

            ((Parameters)output.Resource).Add("match", [
                Tuple.Create("equivalence", (Base)new Code("relatedto")),
                Tuple.Create("concept", (Base)concept),
            ]);
        }

        return output;
    }

    /// <summary>
    /// Designations name the descriptor they carry (short; CPT medium, consumer, clinician) by a code
    /// without a system: neither CMS nor the AMA publishes a code system for their descriptor kinds.
    /// </summary>
    private static Coding DesignationUse(string kind) => new() { Code = kind, Display = kind + " descriptor" };

    private static FhirAnswer Validation(bool result, string message, string? display, OperationOutcome? issues)
    {
        var output = new Parameters();
        output.Add("result", new FhirBoolean(result));
        output.Add("message", new FhirString(message));
        if (display is not null)
        {
            output.Add("display", new FhirString(display));
        }

        if (issues is not null)
        {
            output.Parameter.Add(new Parameters.ParameterComponent { Name = "issues", Resource = issues });
        }

        return FhirAnswer.Ok(output);
    }

    private static FhirAnswer TranslateResult(bool result, string message)
    {
        var output = new Parameters();
        output.Add("result", new FhirBoolean(result));
        output.Add("message", new FhirString(message));
        return FhirAnswer.Ok(output);
    }

    private static string Display(CodeAnswer answer) => answer.LongDescription ?? answer.ShortDescription ?? answer.Code;

    private static IEnumerable<(string Code, DataType Value)> PropertiesOf(CodeAnswer answer)
    {
        yield return ("inactive", new FhirBoolean(!answer.Valid));
        yield return ("status", new Code(StatusCode(answer.Status)));
        yield return ("validFrom", new FhirDateTime(IsoDate.Format(answer.ValidFrom)));
        if (answer.ValidTo is { } to)
        {
            yield return ("validTo", new FhirDateTime(IsoDate.Format(to)));
        }

        foreach (var replacement in answer.ReplacedBy)
        {
            yield return ("replacedBy", new Code(replacement));
        }
    }

    /// <summary>The status words of the JSON API (<see cref="CodeStatus"/>'s JSON names).</summary>
    public static string StatusCode(CodeStatus status) => status switch
    {
        CodeStatus.Terminated => "terminated",
        CodeStatus.NotYetEffective => "not-yet-effective",
        _ => "active",
    };

    /// <summary>A code system, a code and a date resolved to the JSON API's answer, or why not.</summary>
    private sealed record Resolved(FhirAnswer? Error, CodeSystem System, CodeAnswer? Answer, CodeSystemRelease? Release, string UnknownReason);

    /// <summary>Resolves the system URL, the date (or the pinned version), and the code's answer on it.</summary>
    private async Task<Resolved> ResolveAsync(OperationInput input, string? systemUrl, string? code, string systemParameter, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(systemUrl))
        {
            return Failed(FhirAnswer.Invalid($"{systemParameter} is required: {FhirCodeSystems.HcpcsUrl} or {FhirCodeSystems.CptUrl}"));
        }

        if (!FhirCodeSystems.TryParseUrl(systemUrl, out var system))
        {
            return Failed(FhirAnswer.NotFound($"code system '{systemUrl}' is not known here: use {FhirCodeSystems.HcpcsUrl} or {FhirCodeSystems.CptUrl}"));
        }

        if (string.IsNullOrWhiteSpace(code))
        {
            return Failed(FhirAnswer.Invalid("code is required (or coding)"));
        }

        var index = await versions.GetAsync(cancellationToken);
        var loaded = await releases.ListAsync(system, index, cancellationToken);
        CodeSystemRelease? pinned = null;
        if (input.Text("version") is { Length: > 0 } version)
        {
            pinned = loaded.FirstOrDefault(r => r.Version == version);
            if (pinned is null)
            {
                return Failed(FhirAnswer.NotFound(
                    $"version '{version}' of {system.Url()} is not loaded; versions are release effective dates: {string.Join(", ", loaded.Select(r => r.Version))}"));
            }
        }

        // A pinned version answers as of its effective date unless a service date is given.
        if (!TryDate(input, pinned?.Effective ?? Today(), out var date, out var dateError))
        {
            return Failed(dateError);
        }

        var release = pinned ?? CodeSystemRelease.InForce(loaded, date);
        var normalized = RequestValues.TryCode(code, out var upper, out _) ? upper : code.Trim();
        var found = index.Find(system, normalized);
        if (found is null || (pinned is not null && found[0].Release > pinned.Effective))
        {
            var where = pinned is null ? "no loaded release" : $"release {pinned.Version}";
            return new Resolved(null, system, null, release, $"{normalized} is not a {system.Title()} code: {where} has it");
        }

        return new Resolved(null, system, CodeAnswer.From(found, date), release, string.Empty);

        Resolved Failed(FhirAnswer error) => new(error, default, null, null, string.Empty);
    }

    /// <summary>The <c>date</c> parameter: yyyy-MM-dd (a dateTime's day is taken); absent means <paramref name="fallback"/>.</summary>
    private static bool TryDate(OperationInput input, DateOnly fallback, out DateOnly date, out FhirAnswer error)
    {
        var text = input.Text("date");
        if (text is { Length: > 10 } && text[10] == 'T')
        {
            text = text[..10];
        }

        var ok = RequestValues.TryDate(text, fallback, out date, out var message);
        error = ok ? null! : FhirAnswer.Invalid(message!);
        return ok;
    }

    private static bool TryBoolean(OperationInput input, string name, bool fallback, out bool value, out FhirAnswer error)
    {
        var text = input.Text(name);
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

    private static bool TryCount(OperationInput input, string name, int fallback, out int value, out FhirAnswer error)
    {
        var text = input.Text(name);
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

    private static FhirCodeSystem CodeSystemOf(CodeSystemRelease release)
    {
        var system = release.System;
        var resource = new FhirCodeSystem
        {
            Id = FhirCodeSystems.ResourceId(system, release.Effective),
            Url = system.Url(),
            Version = release.Version,
            Name = system == CodeSystem.Hcpcs ? "HCPCSLevelII" : "CPT",
            Title = system.Title(),
            Status = PublicationStatus.Active,
            Date = release.Version,
            Publisher = system.Publisher(),
            Description = $"The {system.Title()} release effective {release.Version}, as loaded; look codes up with CodeSystem/$lookup and a service date.",
            CaseSensitive = true,
            ValueSet = system.AllCodesValueSet(),
            VersionNeeded = false,
            Content = CodeSystemContentMode.NotPresent,
            Count = release.Codes,
        };
        if (system == CodeSystem.Cpt)
        {
            resource.Copyright = "CPT is a registered trademark of the American Medical Association; its descriptors are the AMA's copyright.";
        }

        foreach (var (code, type, description) in Properties)
        {
            resource.Property.Add(new FhirCodeSystem.PropertyComponent
            {
                Code = code,
                Type = type,
                Description = description,
                Uri = code == "inactive" ? "http://hl7.org/fhir/concept-properties#inactive" : null,
            });
        }

        return resource;
    }

    private DateOnly Today() => DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);

    private string Now() => time.GetUtcNow().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);

    private static FhirAnswer? Repeated(OperationInput input, string[] singles, string operation) =>
        input.Repeated(singles) is { } name
            ? FhirAnswer.Invalid($"the parameter '{name}' was given more than once; {operation} takes it at most once (in the query and the body together)")
            : null;
}
