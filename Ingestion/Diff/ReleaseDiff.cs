using CodeUpdates.Ingestion.ReleaseFiles;

namespace CodeUpdates.Ingestion.Diff;

/// <summary>
/// Compares a release with the prior release of the same system, code by code, applying the
/// rules of DESIGN.md "Diff semantics" in order: the first rule that matches is the code's change.
/// </summary>
public static class ReleaseDiff
{
    /// <summary>Fields that change with every CMS quarter without changing the code: never an administrative change.</summary>
    private static readonly HashSet<string> IgnoredFields = new(StringComparer.Ordinal) { "SEQNUM", "ACTION CD", "ACT EFF DT" };

    public static ReleaseDiffResult Compare(ReleaseSnapshot? prior, ReleaseSnapshot current)
    {
        if (prior is not null && prior.Identity.System != current.Identity.System)
        {
            throw new ArgumentException($"cannot compare a {prior.Identity.System.Name()} release with a {current.Identity.System.Name()} release");
        }

        if (prior is null)
        {
            // An initial load: nothing to compare with, so nothing changed; it counts every code it brings (Current.Codes).
            return new ReleaseDiffResult(current.Identity.System, null, ReleaseSummary.Of(current), new ChangeSummary(0, 0, 0, 0, 0, 0), []);
        }

        var changes = new List<CodeChange>();
        var sharedDescriptors = prior is null
            ? current.DescriptorKinds
            : current.DescriptorKinds.Where(prior.DescriptorKinds.Contains).ToArray();

        foreach (var after in current.Codes)
        {
            var before = prior?.Find(after.Code);
            var change = before is null ? New(after) : Compare(before, after, sharedDescriptors);
            if (change is not null)
            {
                changes.Add(change);
            }
        }

        foreach (var before in prior?.Codes ?? [])
        {
            if (!current.Contains(before.Code))
            {
                changes.Add(Missing(before));
            }
        }

        changes.Sort((x, y) => string.CompareOrdinal(x.Code, y.Code));
        var result = new ReleaseDiffResult(
            current.Identity.System,
            prior is null ? null : ReleaseSummary.Of(prior),
            ReleaseSummary.Of(current),
            ChangeSummary.Of(changes),
            changes);
        return current.Identity.System == CodeSystem.Hcpcs && prior is not null ? WithCmsEvidence(result, prior, current) : result;
    }

    /// <summary>HCPCS only: the reused codes marked, the quarters not loaded between the two, and CMS's action codes set against the changes.</summary>
    private static ReleaseDiffResult WithCmsEvidence(ReleaseDiffResult result, ReleaseSnapshot prior, ReleaseSnapshot current)
    {
        var changes = result.Changes
            .Select(c => c.After is not null && CmsActionCodes.IsReused(c.Before, c.After) ? c with { Reused = true } : c)
            .ToArray();
        var missingQuarters = QuarterGap.MissingQuarters(prior.Identity.Effective, current.Identity.Effective);
        return result with
        {
            Changes = changes,
            MissingQuarters = missingQuarters,
            CmsActions = CmsActionReconciliation.Reconcile(prior, current, changes, missingQuarters),
        };
    }

    private static CodeChange New(CodeRecord after) => after.TerminationDate is null
        ? Change(ChangeType.Added, null, after)
        : Change(ChangeType.Deleted, null, after) with { Reason = DeletionReason.Terminated, New = true };

    private static CodeChange Missing(CodeRecord before) => before.TerminationDate is null
        ? Change(ChangeType.Deleted, before, null) with { Reason = DeletionReason.Absent }
        : Change(ChangeType.Purged, before, null);

    private static CodeChange? Compare(CodeRecord before, CodeRecord after, IReadOnlyList<string> sharedDescriptors)
    {
        if (after.TerminationDate is not null && before.TerminationDate is null)
        {
            return Change(ChangeType.Deleted, before, after) with { Reason = DeletionReason.Terminated };
        }

        if (before.TerminationDate is not null && after.TerminationDate is null)
        {
            return Change(ChangeType.Reactivated, before, after);
        }

        var revisions = TextRevisions(before.Descriptors, after.Descriptors, sharedDescriptors);
        if (revisions.Count > 0)
        {
            return Change(ChangeType.Revised, before, after) with
            {
                Fields = revisions.Select(r => r.Descriptor).ToArray(),
                TextRevisions = revisions,
            };
        }

        var fields = AdministrativeRevisions(before, after);
        return fields.Count == 0
            ? null
            : Change(ChangeType.Administrative, before, after) with
            {
                Fields = fields.Select(f => f.Field).ToArray(),
                FieldRevisions = fields,
            };
    }

    /// <summary>The descriptors among <paramref name="descriptors"/> whose text differs (white space collapsed), with the words marked.</summary>
    public static IReadOnlyList<TextRevision> TextRevisions(
        IReadOnlyDictionary<string, string> before, IReadOnlyDictionary<string, string> after, IEnumerable<string> descriptors)
    {
        var revisions = new List<TextRevision>();
        foreach (var descriptor in descriptors)
        {
            var old = before.GetValueOrDefault(descriptor);
            var @new = after.GetValueOrDefault(descriptor);
            if (!TextNormalizer.SameText(old, @new))
            {
                revisions.Add(new TextRevision(descriptor, old ?? string.Empty, @new ?? string.Empty, WordDiff.Compare(old ?? string.Empty, @new ?? string.Empty)));
            }
        }

        return revisions;
    }

    /// <summary>Every non-descriptor field that differs, by CMS column name (SEQNUM, ACTION CD and ACT EFF DT excepted).</summary>
    public static IReadOnlyList<FieldRevision> AdministrativeRevisions(CodeRecord before, CodeRecord after)
    {
        var revisions = new List<FieldRevision>();
        CompareField(revisions, "ADD DT", IsoDate.Format(before.AddDate), IsoDate.Format(after.AddDate));
        CompareField(revisions, "TERM DT", IsoDate.Format(before.TerminationDate), IsoDate.Format(after.TerminationDate));
        var xrefs = Math.Max(before.CrossReferences.Count, after.CrossReferences.Count);
        for (var i = 0; i < xrefs; i++)
        {
            CompareField(revisions, $"XREF{i + 1}", before.CrossReferences.ElementAtOrDefault(i), after.CrossReferences.ElementAtOrDefault(i));
        }

        foreach (var field in before.Administrative.Keys.Union(after.Administrative.Keys).Order(StringComparer.Ordinal))
        {
            if (!IgnoredFields.Contains(field))
            {
                CompareField(revisions, field, before.Administrative.GetValueOrDefault(field), after.Administrative.GetValueOrDefault(field));
            }
        }

        return revisions;
    }

    private static void CompareField(List<FieldRevision> revisions, string field, string? before, string? after)
    {
        if (!string.Equals(Blank(before), Blank(after), StringComparison.Ordinal))
        {
            revisions.Add(new FieldRevision(field, Blank(before), Blank(after)));
        }
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static CodeChange Change(ChangeType type, CodeRecord? before, CodeRecord? after)
    {
        var latest = after ?? before!;
        return new CodeChange(
            latest.Code,
            latest.Kind,
            type,
            Reason: null,
            New: false,
            Fields: [],
            TerminationDate: latest.TerminationDate,
            ReplacedBy: latest.CrossReferences,
            TextRevisions: [],
            FieldRevisions: [],
            Before: before,
            After: after);
    }
}
