using CodeUpdates.Ingestion.ReleaseFiles;
using CodeUpdates.Ingestion.Versions;
using Microsoft.Extensions.Logging;

namespace CodeUpdates.Ingestion.Releases;

/// <summary>
/// Brings a system's version rows up to date when a release is added or replaced, at a cost that
/// does not grow with the number of releases loaded: the release goes into the system's
/// <see cref="ReleaseStatements"/>, and only the codes it can have changed are recomputed and compared
/// with their stored rows. The statements are saved after the rows, so a run killed in between is
/// finished by the retry: applying the same release again to the old statements gives the same codes.
/// When the statements are missing or do not hold exactly the other published releases (a release
/// left processing by a killed run, storage written by an older version) they are rebuilt from the
/// snapshots, one at a time, and every code is recomputed.
/// </summary>
public sealed class VersionRecompute(
    SnapshotStore snapshots, ReleaseStatementsStore store, VersionStore versions, ILogger<VersionRecompute> logger)
{
    /// <summary>
    /// Applies <paramref name="release"/>; <paramref name="published"/> are the system's published release records (this one's may be among them).
    /// Rows written are known from <paramref name="knowledgeStamp"/>, rows changed or deleted closed at it.
    /// </summary>
    /// <returns>The versions of the codes recomputed and how many rows were written.</returns>
    public async Task<RecomputedVersions> ApplyAsync(
        ReleaseSnapshot release, IReadOnlyList<ReleaseRecord> published, DateTimeOffset knowledgeStamp, CancellationToken cancellationToken)
    {
        var identity = release.Identity;
        var others = published
            .Where(r => r.Effective is { } e && e != identity.Effective)
            .Select(r => (r.Effective!.Value, r.Sha256))
            .ToArray();
        var statements = await store.LoadAsync(identity.System, cancellationToken)
            ?? (others.Length == 0 ? new ReleaseStatements(identity.System) : null);

        RecomputedVersions recomputed;
        if (statements is not null && statements.Holds(others, identity.Effective))
        {
            // A run that saved the statements and then failed has written every row already, so this one finds
            // nothing changed; a cache may have read those rows half-written, so it is handed every code instead.
            var resumed = statements.Releases.Any(r => r.Effective == identity.Effective && r.Sha256 == identity.Sha256);
            var affected = statements.Apply(release);
            var byCode = VersionsOf(statements, resumed ? statements.Codes : affected);
            var written = await versions.ReplaceCodesAsync(identity.System, affected, affected.SelectMany(code => byCode[code]), knowledgeStamp, cancellationToken);
            recomputed = new RecomputedVersions(byCode, WholeSystem: resumed, written);
        }
        else
        {
            logger.LogWarning(
                "The {System} release statements do not hold the {Count} other loaded releases: rebuilding them from their snapshots",
                identity.System.Name(), others.Length);
            statements = await RebuildAsync(identity.System, others.Select(o => o.Item1), cancellationToken);
            statements.Apply(release);
            var byCode = VersionsOf(statements, statements.Codes);
            var written = await versions.ReplaceSystemAsync(identity.System, byCode.Values.SelectMany(v => v), knowledgeStamp, cancellationToken);
            recomputed = new RecomputedVersions(byCode, WholeSystem: true, written);
        }

        await store.SaveAsync(statements, cancellationToken);
        return recomputed;
    }

    /// <summary>
    /// Makes the system's version rows and statements exactly those of the <paramref name="published"/>
    /// releases, rebuilt from their snapshots: after a release was abandoned part-way (a storage error no
    /// retry can fix), whatever rows it had written are undone. Rare, so it reads every snapshot. The undoing is
    /// written under <paramref name="knowledgeStamp"/>, a stamp no release is published with: the rows the abandoned
    /// release closed stay known up to its stamp, and its own rows were never known at a published state.
    /// </summary>
    public async Task<RecomputedVersions> RestoreAsync(
        CodeSystem system, IReadOnlyList<ReleaseRecord> published, DateTimeOffset knowledgeStamp, CancellationToken cancellationToken)
    {
        var statements = await RebuildAsync(system, published.Select(r => r.Effective!.Value), cancellationToken);
        var byCode = VersionsOf(statements, statements.Codes);
        var written = await versions.ReplaceSystemAsync(system, byCode.Values.SelectMany(v => v), knowledgeStamp, cancellationToken);
        await store.SaveAsync(statements, cancellationToken);
        return new RecomputedVersions(byCode, WholeSystem: true, written);
    }

    private static Dictionary<string, IReadOnlyList<CodeVersion>> VersionsOf(ReleaseStatements statements, IEnumerable<string> codes) =>
        codes.ToDictionary(code => code, statements.Versions, StringComparer.Ordinal);

    private async Task<ReleaseStatements> RebuildAsync(CodeSystem system, IEnumerable<DateOnly> effectiveDates, CancellationToken cancellationToken)
    {
        var statements = new ReleaseStatements(system);
        foreach (var effective in effectiveDates)
        {
            statements.Apply(await snapshots.RequireAsync(system, effective, cancellationToken));
        }

        return statements;
    }
}
