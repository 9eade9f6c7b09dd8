using CodeUpdates.Ingestion.Answers;
using CodeUpdates.Ingestion.ReleaseFiles;
using CodeUpdates.Ingestion.Releases;

namespace CodeUpdates.Ingestion.Lookup;

/// <summary>
/// The lookups of the API: a code on a date, a code's history, a batch of claim lines. The present is answered from
/// memory; with <c>knownAt</c> the answer is the one the system gave at that instant, read from storage (<see cref="KnownVersions"/>).
/// </summary>
public sealed class CodeLookup(IVersionSource versions, KnownVersions? known, TimeProvider time)
{
    /// <summary>Lookups of the present only (no storage to read the past from): knownAt is refused.</summary>
    public CodeLookup(IVersionSource versions, TimeProvider time)
        : this(versions, null, time)
    {
    }

    public const int MaxBatchItems = 1000;

    /// <summary>The one value <c>include</c> takes on a history.</summary>
    public const string IncludeSuperseded = "superseded";

    /// <summary>The code on the date (today, UTC, when absent); tagged by the system's versions, the code and the date.</summary>
    public Task<Answer<CodeAnswer>> AnswerAsync(string? system, string? code, string? date, CancellationToken cancellationToken) =>
        AnswerAsync(system, code, date, null, cancellationToken);

    /// <summary>The code on the date as the system answered at <paramref name="knownAt"/> (absent: now, from memory).</summary>
    public async Task<Answer<CodeAnswer>> AnswerAsync(string? system, string? code, string? date, string? knownAt, CancellationToken cancellationToken)
    {
        if (!RequestValues.TrySystem(system, out var codeSystem, out var error)
            || !RequestValues.TryCode(code, out var normalized, out error)
            || !RequestValues.TryDate(date, time.Today(), out var day, out error)
            || !KnownAtValue.TryParse(knownAt, out var instant, out error))
        {
            return Refusal.Invalid(error);
        }

        if (instant is { } at)
        {
            if (await Known.CodeAtAsync(codeSystem, normalized, at, cancellationToken) is not { } then)
            {
                return NothingPublished(codeSystem, normalized, at);
            }

            return then.Versions is { } knownVersions
                ? Answer<CodeAnswer>.Of(
                    CodeAnswer.From(knownVersions, day) with { KnownAt = at, KnownAsOf = then.State.KnownAsOf },
                    ContentTag.Of(KnownTag(codeSystem, then.State), normalized, IsoDate.Format(day)))
                : NotKnownThen(codeSystem, normalized, then.State);
        }

        var index = await versions.GetAsync(cancellationToken);
        return index.Find(codeSystem, normalized) is { } found
            ? Answer<CodeAnswer>.Of(CodeAnswer.From(found, day), ContentTag.Of(index.Tag(codeSystem), normalized, IsoDate.Format(day)))
            : NeverSeen(codeSystem, normalized);
    }

    /// <summary>Every version of the code, oldest first.</summary>
    public Task<Answer<CodeHistory>> HistoryAsync(string? system, string? code, CancellationToken cancellationToken) =>
        HistoryAsync(system, code, null, null, cancellationToken);

    /// <summary>
    /// Every version of the code as held at <paramref name="knownAt"/> (absent: now), oldest first; with
    /// <c>include=superseded</c> also the versions replaced by then, with when they were known (read from storage).
    /// </summary>
    public async Task<Answer<CodeHistory>> HistoryAsync(string? system, string? code, string? knownAt, string? include, CancellationToken cancellationToken)
    {
        if (!RequestValues.TrySystem(system, out var codeSystem, out var error)
            || !RequestValues.TryCode(code, out var normalized, out error)
            || !KnownAtValue.TryParse(knownAt, out var instant, out error))
        {
            return Refusal.Invalid(error);
        }

        var withSuperseded = !string.IsNullOrWhiteSpace(include);
        if (withSuperseded && !string.Equals(include!.Trim(), IncludeSuperseded, StringComparison.OrdinalIgnoreCase))
        {
            return Refusal.Invalid($"include '{include}' is not offered: use include={IncludeSuperseded} (the versions corrections and later releases replaced)");
        }

        if (instant is null && !withSuperseded)
        {
            var index = await versions.GetAsync(cancellationToken);
            return index.Find(codeSystem, normalized) is { } found
                ? Answer<CodeHistory>.Of(CodeHistory.From(found), ContentTag.Of(index.Tag(codeSystem), normalized, "history"))
                : NeverSeen(codeSystem, normalized);
        }

        var at = instant ?? time.GetUtcNow();
        if (await Known.CodeAtAsync(codeSystem, normalized, at, cancellationToken) is not { } then)
        {
            return instant is null ? NeverSeen(codeSystem, normalized) : NothingPublished(codeSystem, normalized, at);
        }

        var superseded = withSuperseded ? SupersededVersion.Of(then) : null;
        if (then.Versions is not { } knownVersions)
        {
            if (superseded is [.., var last])
            {
                return NoLongerHeld(codeSystem, normalized, then.State, last);
            }

            return instant is null ? NeverSeen(codeSystem, normalized) : NotKnownThen(codeSystem, normalized, then.State);
        }

        var history = CodeHistory.From(knownVersions) with
        {
            KnownAt = instant,
            KnownAsOf = instant is null ? null : then.State.KnownAsOf,
            Superseded = superseded,
        };
        return Answer<CodeHistory>.Of(history, ContentTag.Of(KnownTag(codeSystem, then.State), normalized, "history", withSuperseded ? IncludeSuperseded : string.Empty));
    }

    /// <summary>
    /// Up to <see cref="MaxBatchItems"/> claim lines, answered in order; a bad or unknown line answers <c>found: false</c>.
    /// With a top-level <c>knownAt</c> every line is answered as the system answered it at that instant.
    /// </summary>
    public async Task<Answer<LookupResponse>> LookupAsync(LookupRequest? request, CancellationToken cancellationToken)
    {
        if (request?.Items is null)
        {
            return Refusal.Invalid("the body must be " + LookupRequest.Example);
        }

        if (request.Items.Count > MaxBatchItems)
        {
            return Refusal.Invalid($"{request.Items.Count} items; send at most {MaxBatchItems} in one request");
        }

        if (!KnownAtValue.TryParse(request.KnownAt, out var instant, out var error))
        {
            return Refusal.Invalid(error);
        }

        var today = time.Today();
        var results = new object[request.Items.Count];
        if (instant is { } at)
        {
            // One whole system per state serves the batch: a thousand lines must not be a thousand storage reads.
            var states = new Dictionary<CodeSystem, KnownSystem?>();
            for (var i = 0; i < results.Length; i++)
            {
                var item = request.Items[i];
                KnownSystem? then = null;
                if (item is not null && RequestValues.TrySystem(item.System, out var system, out _) && !states.TryGetValue(system, out then))
                {
                    then = states[system] = await Known.SystemAtAsync(system, at, cancellationToken);
                }

                results[i] = Answer(then?.Index ?? VersionIndex.Empty, today, item, then, at);
            }

            return Answer<LookupResponse>.Of(new LookupResponse(results) { KnownAt = at });
        }

        var index = await versions.GetAsync(cancellationToken);
        for (var i = 0; i < results.Length; i++)
        {
            results[i] = Answer(index, today, request.Items[i], null, null);
        }

        return Answer<LookupResponse>.Of(new LookupResponse(results));
    }

    private static object Answer(IVersionIndex index, DateOnly today, LookupItem? item, KnownSystem? then, DateTimeOffset? knownAt)
    {
        if (item is null)
        {
            return new NotFoundAnswer(null, null, null, "empty item");
        }

        if (!RequestValues.TrySystem(item.System, out var system, out var error)
            || !RequestValues.TryCode(item.Code, out var code, out error)
            || !RequestValues.TryDate(item.Date, today, out var date, out error))
        {
            return new NotFoundAnswer(item.System, item.Code, item.Date, error);
        }

        var versions = index.Find(system, code);
        if (versions is null)
        {
            return new NotFoundAnswer(system.Name(), code, IsoDate.Format(date), knownAt is { } at ? $"in no {system.Name()} release published by {at:O}" : "in no loaded release");
        }

        var answer = CodeAnswer.From(versions, date);
        return then is null ? answer : answer with { KnownAt = then.State.KnownAt, KnownAsOf = then.State.KnownAsOf };
    }

    private static string KnownTag(CodeSystem system, KnowledgeState state) => $"known-{system.Name()}-{state.Stamp.ToUnixTimeMilliseconds()}";

    private static Refusal NeverSeen(CodeSystem system, string code) =>
        Refusal.NotFound($"{system.Name()} code {code} is in no loaded release");

    private static Refusal NothingPublished(CodeSystem system, string code, DateTimeOffset knownAt) =>
        Refusal.NotFound($"{system.Name()} code {code} was not known at {knownAt:O}: no {system.Name()} release was published by then");

    private static Refusal NotKnownThen(CodeSystem system, string code, KnowledgeState state) =>
        Refusal.NotFound(
            $"{system.Name()} code {code} was not known at {state.KnownAt:O}: it is in no {system.Name()} release published by then " +
            $"(the system answered from the release of {IsoDate.Format(state.Answering.Effective!.Value)} published at {state.KnownAsOf:O})");

    /// <summary>A code a correction or a later release removed: where its history can still be read.</summary>
    private static Refusal NoLongerHeld(CodeSystem system, string code, KnowledgeState state, SupersededVersion last) =>
        Refusal.NotFound(
            $"{system.Name()} code {code} is in no {system.Name()} release held at {state.KnownAt:O}: it was held from {last.KnownFrom.UtcDateTime:O} " +
            $"until {last.KnownTo.UtcDateTime:O}, when {last.ClosedBy.Source} (effective {IsoDate.Format(last.ClosedBy.Effective)}) removed it; " +
            $"ask with knownAt={last.KnownFrom.UtcDateTime:O} to read its history as held then");

    private KnownVersions Known =>
        known ?? throw new InvalidOperationException("knownAt was asked of a lookup built over the present versions only");
}
