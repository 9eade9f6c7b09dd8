using CodeUpdates.Ingestion.ReleaseFiles;

namespace CodeUpdates.Ingestion.Versions;

/// <summary>
/// The compact per-code state a system's versions are derived from: for each code, what each
/// loaded release that has it states, keeping only the fields the version rule reads (descriptors,
/// kind, ADD DT, ACT EFF DT, TERM DT, cross-references) and the CMS fields lookups answer with
/// (<see cref="CmsFields"/>). A release is applied on its own, in any order,
/// and <see cref="Apply"/> says which codes' versions it can have changed, so an ingest recomputes
/// those codes only instead of reading every snapshot of the system. Like the version table it is
/// a function of the set of releases applied, whatever order they came in.
/// </summary>
public sealed class ReleaseStatements
{
    private readonly SortedList<DateOnly, StatedRelease> releases = [];
    private readonly Dictionary<string, List<Statement>> codes = new(StringComparer.Ordinal);

    public ReleaseStatements(CodeSystem system) => System = system;

    public CodeSystem System { get; }

    /// <summary>The releases applied, oldest first.</summary>
    public IList<StatedRelease> Releases => releases.Values;

    /// <summary>Every code some applied release has, in ordinal order.</summary>
    public IEnumerable<string> Codes => codes.Keys.Order(StringComparer.Ordinal);

    /// <summary>
    /// Whether these are the statements of exactly <paramref name="loaded"/> (effective date and SHA-256 of each),
    /// leaving aside those of <paramref name="except"/>: the release about to be applied.
    /// </summary>
    public bool Holds(IReadOnlyCollection<(DateOnly Effective, string Sha256)> loaded, DateOnly except) =>
        releases.Count(r => r.Key != except) == loaded.Count
        && loaded.All(l => l.Effective != except && releases.TryGetValue(l.Effective, out var held) && held.Sha256 == l.Sha256);

    /// <summary>
    /// Adds the release, or replaces the one held for its effective date, and returns every code
    /// whose versions may differ now: the codes whose statement for that date appeared, changed or
    /// went, and, for a release not applied before, the codes whose latest statement is the release
    /// just before it and that it lacks (without a termination date they now end the day before it).
    /// Every other code keeps its versions: the rule reads only the releases that state a code, and
    /// the release after its latest one. A code that a new release states exactly as the release
    /// just before it did keeps its versions too (see <see cref="RepeatsReleaseBefore"/>), so a
    /// quarterly file names the few codes it changes, not the thousands it states again. A replacement
    /// that carries other descriptor kinds changes which texts carry over, so every code is returned.
    /// </summary>
    public IReadOnlySet<string> Apply(ReleaseSnapshot release)
    {
        if (release.Identity.System != System)
        {
            throw new ArgumentException($"a {release.Identity.System.Name()} release cannot go into the {System.Name()} statements");
        }

        var effective = release.Identity.Effective;
        releases.TryGetValue(effective, out var replaced);
        releases[effective] = new StatedRelease(effective, release.Identity.Sha256, release.DescriptorKinds);
        var affected = new HashSet<string>(StringComparer.Ordinal);
        // Only a release new to these statements, after another with the same descriptor kinds (so no text period starts), can repeat it.
        var releaseBefore = replaced is null && releases.IndexOfKey(effective) is > 0 and var position
            && releases.Values[position - 1].DescriptorKinds.SequenceEqual(release.DescriptorKinds, StringComparer.Ordinal)
                ? releases.Values[position - 1]
                : null;

        foreach (var record in release.Codes)
        {
            if (!codes.TryGetValue(record.Code, out var statements))
            {
                codes[record.Code] = statements = [];
            }

            if (Set(statements, effective, record) && !(releaseBefore is not null && RepeatsReleaseBefore(statements, effective, releaseBefore)))
            {
                affected.Add(record.Code);
            }
        }

        if (replaced is not null)
        {
            foreach (var (code, statements) in codes)
            {
                var at = IndexOf(statements, effective);
                if (at >= 0 && !release.Contains(code))
                {
                    statements.RemoveAt(at);
                    affected.Add(code);
                }
            }

            if (!replaced.DescriptorKinds.SequenceEqual(release.DescriptorKinds, StringComparer.Ordinal))
            {
                affected.UnionWith(codes.Keys);
            }
        }
        else if (releases.IndexOfKey(effective) is > 0 and var index)
        {
            var before = releases.Keys[index - 1];
            foreach (var (code, statements) in codes)
            {
                if (statements[^1].Effective == before)
                {
                    affected.Add(code);
                }
            }
        }

        foreach (var code in affected)
        {
            if (codes.TryGetValue(code, out var statements) && statements.Count == 0)
            {
                codes.Remove(code);
            }
        }

        return affected;
    }

    /// <summary>
    /// Whether the code's statement just added for <paramref name="effective"/> leaves its versions as they
    /// were: by <see cref="CodeTimeline"/> it does when the statement before it is <paramref name="before"/>'s
    /// (the release right before, so the release following the code's latest statement stays the same),
    /// says the same in every field the rule reads (the caller has checked that both releases carry the
    /// same descriptor kinds, so no text period starts), and the code's next statement, if any, has no
    /// ACT EFF DT after <paramref name="before"/> and up to <paramref name="effective"/> (a date in that
    /// span stops counting as a mid-period start once the statement before the next one moves to
    /// <paramref name="effective"/>).
    /// </summary>
    private static bool RepeatsReleaseBefore(List<Statement> statements, DateOnly effective, StatedRelease before)
    {
        var at = IndexOf(statements, effective);
        if (at <= 0 || statements[at - 1].Effective != before.Effective || !SameStatement(statements[at - 1].Record, statements[at].Record))
        {
            return false;
        }

        return at + 1 == statements.Count
            || statements[at + 1].Record.ActionEffectiveDate is not { } actionEffective
            || actionEffective <= before.Effective
            || actionEffective > effective;
    }

    /// <summary>The code's versions by the version rule; empty when no applied release has it.</summary>
    public IReadOnlyList<CodeVersion> Versions(string code)
    {
        if (!codes.TryGetValue(code, out var statements) || statements.Count == 0)
        {
            return [];
        }

        var stated = new CodeStatement[statements.Count];
        for (var i = 0; i < statements.Count; i++)
        {
            stated[i] = new CodeStatement(statements[i].Effective, releases[statements[i].Effective].DescriptorKinds, statements[i].Record);
        }

        var following = releases.IndexOfKey(statements[^1].Effective) + 1;
        return CodeTimeline.Build(System, code, stated, following < releases.Count ? releases.Keys[following] : null);
    }

    /// <summary>
    /// The statements as a document: each code's statements as runs over consecutive releases that
    /// state the same thing, so its size grows with what changed, not with the number of releases.
    /// The same statements always give the same document.
    /// </summary>
    public ReleaseStatementsDocument ToDocument()
    {
        var positions = new Dictionary<DateOnly, int>();
        for (var i = 0; i < releases.Count; i++)
        {
            positions[releases.Keys[i]] = i;
        }

        var documentCodes = new List<CodeRuns>(codes.Count);
        foreach (var code in Codes)
        {
            var runs = new List<StatementRun>();
            foreach (var statement in codes[code])
            {
                var position = positions[statement.Effective];
                if (runs.Count > 0 && runs[^1].To == position - 1 && SameStatement(runs[^1].Record, statement.Record))
                {
                    runs[^1] = runs[^1] with { To = position };
                }
                else
                {
                    runs.Add(new StatementRun(position, position, statement.Record));
                }
            }

            documentCodes.Add(new CodeRuns(code, runs.Select(r => r.ToDocument()).ToArray()));
        }

        return new ReleaseStatementsDocument(System.Name(), releases.Values.ToArray(), documentCodes);
    }

    public static ReleaseStatements FromDocument(ReleaseStatementsDocument document)
    {
        if (!CodeSystems.TryParse(document.System, out var system))
        {
            throw new InvalidDataException($"release statements of an unknown system '{document.System}'");
        }

        var loaded = new ReleaseStatements(system);
        foreach (var release in document.Releases)
        {
            loaded.releases.Add(release.Effective, release);
        }

        foreach (var code in document.Codes)
        {
            var statements = new List<Statement>();
            foreach (var run in code.Runs)
            {
                var record = run.ToRecord(code.Code);
                for (var position = run.From; position <= run.To; position++)
                {
                    statements.Add(new Statement(loaded.releases.Keys[position], record));
                }
            }

            loaded.codes[code.Code] = statements;
        }

        return loaded;
    }

    /// <summary>Sets the statement for <paramref name="effective"/>; true when it is new or differs from the one held.</summary>
    private static bool Set(List<Statement> statements, DateOnly effective, CodeRecord record)
    {
        var at = IndexOf(statements, effective);
        if (at >= 0 && SameStatement(statements[at].Record, record))
        {
            return false;
        }

        var position = at >= 0 ? at : ~at;
        var next = at >= 0 ? at + 1 : position;

        // Share the record with an equal neighbour: a code stated alike by many releases is held once.
        var kept = position > 0 && SameStatement(statements[position - 1].Record, record) ? statements[position - 1].Record
            : next < statements.Count && SameStatement(statements[next].Record, record) ? statements[next].Record
            : Trim(record);
        if (at >= 0)
        {
            statements[at] = new Statement(effective, kept);
        }
        else
        {
            statements.Insert(position, new Statement(effective, kept));
        }

        return true;
    }

    private static int IndexOf(List<Statement> statements, DateOnly effective)
    {
        int low = 0, high = statements.Count - 1;
        while (low <= high)
        {
            var middle = (low + high) >>> 1;
            var compared = statements[middle].Effective.CompareTo(effective);
            if (compared == 0)
            {
                return middle;
            }

            if (compared < 0)
            {
                low = middle + 1;
            }
            else
            {
                high = middle - 1;
            }
        }

        return ~low;
    }

    /// <summary>
    /// The record without the fields neither the version rule nor a lookup reads (the other administrative fields, SEQNUM,
    /// every ACTION CD but A, which marks a reused code's new text).
    /// </summary>
    private static CodeRecord Trim(CodeRecord record) =>
        new(record.Code, record.Kind, record.Descriptors, record.AddDate, record.ActionEffectiveDate, record.TerminationDate,
            ActionCode: AddedByCms(record) ? CmsActionCodes.Add : null, CrossReferences: record.CrossReferences, Administrative: CmsFields.Of(record.Administrative));

    private static bool AddedByCms(CodeRecord record) => string.Equals(record.ActionCode?.Trim(), CmsActionCodes.Add, StringComparison.OrdinalIgnoreCase);

    /// <summary>Equal in every field the version rule or a lookup reads. Texts compare exactly: the text a version shows is the first release's, as it was written.</summary>
    private static bool SameStatement(CodeRecord a, CodeRecord b) =>
        ReferenceEquals(a, b)
        || (a.Kind == b.Kind
            && CmsFields.SameLookupFields(a.Administrative, b.Administrative)
            && a.AddDate == b.AddDate
            && a.ActionEffectiveDate == b.ActionEffectiveDate
            && AddedByCms(a) == AddedByCms(b)
            && a.TerminationDate == b.TerminationDate
            && a.CrossReferences.SequenceEqual(b.CrossReferences, StringComparer.Ordinal)
            && a.Descriptors.Count == b.Descriptors.Count
            && a.Descriptors.All(d => b.Descriptors.TryGetValue(d.Key, out var other) && string.Equals(d.Value, other, StringComparison.Ordinal)));

    private readonly record struct Statement(DateOnly Effective, CodeRecord Record);

    private sealed record StatementRun(int From, int To, CodeRecord Record)
    {
        public StatementRunDocument ToDocument() => new(
            From,
            To,
            Record.Kind.Name(),
            new SortedDictionary<string, string>(Record.Descriptors.ToDictionary(), StringComparer.Ordinal),
            Record.AddDate,
            Record.ActionEffectiveDate,
            Record.TerminationDate,
            Record.CrossReferences.Count == 0 ? null : Record.CrossReferences,
            AddedByCms(Record) ? CmsActionCodes.Add : null,
            Record.Administrative.Count == 0 ? null : Record.Administrative);
    }
}
