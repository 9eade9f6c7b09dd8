namespace CodeUpdates.Ingestion.Diff;

public sealed record ChangeSummary(int Added, int Deleted, int Revised, int Reactivated, int Administrative, int Purged)
{
    public int Total => Added + Deleted + Revised + Reactivated + Administrative + Purged;

    public int Count(ChangeType type) => type switch
    {
        ChangeType.Added => Added,
        ChangeType.Deleted => Deleted,
        ChangeType.Revised => Revised,
        ChangeType.Reactivated => Reactivated,
        ChangeType.Administrative => Administrative,
        _ => Purged,
    };

    public static ChangeSummary Of(IEnumerable<CodeChange> changes)
    {
        int added = 0, deleted = 0, revised = 0, reactivated = 0, administrative = 0, purged = 0;
        foreach (var change in changes)
        {
            switch (change.Change)
            {
                case ChangeType.Added: added++; break;
                case ChangeType.Deleted: deleted++; break;
                case ChangeType.Revised: revised++; break;
                case ChangeType.Reactivated: reactivated++; break;
                case ChangeType.Administrative: administrative++; break;
                case ChangeType.Purged: purged++; break;
            }
        }

        return new ChangeSummary(added, deleted, revised, reactivated, administrative, purged);
    }
}
