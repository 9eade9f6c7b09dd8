using System.Globalization;
using CodeUpdates.Ingestion.ReleaseFiles;

namespace CodeUpdates.Ingestion.Diff;

/// <summary>
/// Sets each HCPCS code's ACTION CD against the change computed from the prior loaded release (DESIGN.md "CMS action
/// codes, reconciled"). CMS's letters compare with its previous quarterly file, ours with the prior loaded release, so a
/// disagreement is evidence of a release not loaded, a reused code, or a change CMS did not announce.
/// </summary>
public static class CmsActionReconciliation
{
    /// <summary>The computed change of a code the diff lists no change for.</summary>
    public const string Unchanged = "unchanged";

    private static readonly IReadOnlyDictionary<string, string> ActionNames = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["A"] = "add",
        ["B"] = "administrative and long description change",
        ["C"] = "long description change",
        ["D"] = "discontinue",
        ["F"] = "administrative change",
        ["N"] = "no maintenance",
        ["P"] = "payment change",
        ["R"] = "reactivate",
        ["S"] = "short description change",
        ["T"] = "miscellaneous change",
    };

    /// <summary>The agreement table: every pair not listed disagrees, an unknown letter too.</summary>
    public static bool Agrees(string cmsAction, ChangeType? computed) => cmsAction switch
    {
        "A" => computed is ChangeType.Added or ChangeType.Reactivated,
        "B" or "C" or "S" => computed is ChangeType.Revised,
        "D" => computed is ChangeType.Deleted,
        "F" or "T" => computed is ChangeType.Administrative,
        "P" => computed is ChangeType.Administrative or null,
        "R" => computed is ChangeType.Reactivated or ChangeType.Added,
        "N" => computed is null,
        _ => false,
    };

    /// <summary>
    /// Compares every code of <paramref name="current"/> that carries an ACTION CD. A code of the prior missing from the
    /// current release (deleted as absent, or purged) has no action code to compare, so it is not counted.
    /// </summary>
    public static CmsActions Reconcile(
        ReleaseSnapshot prior, ReleaseSnapshot current, IReadOnlyList<CodeChange> changes, IReadOnlyList<DateOnly> missingQuarters)
    {
        var changeOf = changes.Where(c => c.After is not null).ToDictionary(c => c.Code, c => c.Change, StringComparer.Ordinal);
        var compared = 0;
        var disagreements = new List<CmsActionDisagreement>();
        foreach (var record in current.Codes)
        {
            var action = record.ActionCode?.Trim().ToUpperInvariant();
            if (string.IsNullOrEmpty(action))
            {
                continue;
            }

            compared++;
            ChangeType? computed = changeOf.TryGetValue(record.Code, out var type) ? type : null;
            if (!Agrees(action, computed))
            {
                disagreements.Add(Disagreement(prior, current, record, action, computed, missingQuarters));
            }
        }

        var causes = CmsActionCauses.Order
            .Select(cause => (Cause: cause, Codes: disagreements.Count(d => d.Cause == cause)))
            .Where(c => c.Codes > 0)
            .Select(c => new CmsActionCause(c.Cause, c.Codes, Advice(c.Cause, c.Codes, prior.Identity.Effective, current.Identity.Effective, missingQuarters)))
            .ToArray();
        return new CmsActions(compared, compared - disagreements.Count, disagreements.Count, disagreements, causes);
    }

    /// <summary>As reports name a change: the enum member in lower case.</summary>
    public static string Name(ChangeType? computed) => computed?.ToString().ToLowerInvariant() ?? Unchanged;

    /// <summary>"1 code", "18 codes".</summary>
    public static string Codes(int count) => count == 1 ? "1 code" : count.ToString("N0", CultureInfo.InvariantCulture) + " codes";

    /// <summary>"2018-04-01, 2018-07-01 and 2018-10-01".</summary>
    public static string Dates(IReadOnlyList<DateOnly> dates)
    {
        var formatted = dates.Select(d => IsoDate.Format(d)).ToArray();
        return formatted.Length <= 1 ? string.Concat(formatted) : string.Join(", ", formatted[..^1]) + " and " + formatted[^1];
    }

    private static CmsActionDisagreement Disagreement(
        ReleaseSnapshot prior, ReleaseSnapshot current, CodeRecord record, string action, ChangeType? computed, IReadOnlyList<DateOnly> missingQuarters)
    {
        var before = prior.Find(record.Code);
        var from = IsoDate.Format(prior.Identity.Effective);
        var to = IsoDate.Format(current.Identity.Effective);
        var says = $"CMS says {action} ({ActionNames.GetValueOrDefault(action, "a letter CMS does not define")})";
        var found = computed is null ? $"the {from} and {to} files show no change" : $"against {from} it is {Name(computed)}";
        if (CmsActionCodes.IsReused(before, record))
        {
            return new CmsActionDisagreement(record.Code, action, Name(computed), CmsActionCauses.Reused,
                $"{says} but the {from} release already had {record.Code} with other text: CMS reused the code with a new meaning. " +
                $"Claims dated before {to} use the old meaning; check the code's history.");
        }

        if (missingQuarters.Count > 0)
        {
            return new CmsActionDisagreement(record.Code, action, Name(computed), CmsActionCauses.ReleaseNotLoaded,
                $"{says}; {found}. CMS's letter compares with its quarterly file before {to}, and the quarterly updates of " +
                $"{Dates(missingQuarters)} are not loaded: load them (and any corrections document) to see when this code changed.");
        }

        if (computed is null)
        {
            return new CmsActionDisagreement(record.Code, action, Name(computed), CmsActionCauses.ReleaseNotLoaded,
                $"{says}; {found}. A corrections document between {from} and {to} that is not loaded probably made the change: load it.");
        }

        return new CmsActionDisagreement(record.Code, action, Name(computed), CmsActionCauses.Unannounced,
            $"{says}; {found}. The quarter before is loaded, so CMS did not announce this change: check the code's new text before coding with it.");
    }

    private static string Advice(string cause, int count, DateOnly prior, DateOnly current, IReadOnlyList<DateOnly> missingQuarters)
    {
        var (from, to) = (IsoDate.Format(prior), IsoDate.Format(current));
        return cause switch
        {
            CmsActionCauses.Reused =>
                $"{Codes(count)} reused by CMS with a new meaning (added again with other text): claims dated before {to} use the old meaning; check each code's history.",
            CmsActionCauses.ReleaseNotLoaded when missingQuarters.Count > 0 =>
                $"{Codes(count)} changed otherwise than CMS's action codes say: a quarterly update or corrections document between {from} and {to} is not loaded " +
                $"(missing quarters {Dates(missingQuarters)}); load them to see when each code changed.",
            CmsActionCauses.ReleaseNotLoaded =>
                $"{Codes(count)} with a CMS action code the {from} and {to} files do not show: a corrections document between {from} and {to} is not loaded; load it.",
            _ =>
                $"{Codes(count)} changed with no matching CMS action code: changes CMS did not announce; check their new text before coding with them.",
        };
    }
}
