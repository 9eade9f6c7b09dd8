using CodeUpdates.Ingestion.ReleaseFiles;
using CodeUpdates.Ingestion.Releases;
using CodeUpdates.Ingestion.Versions;

namespace CodeUpdates.Ingestion.Lookup;

/// <summary>
/// What the system held at a past instant (<see cref="KnowledgeInstant"/>), read from storage: the present and the closed
/// versions. The release list of each system is kept in memory and read again when the system's head row moved (the
/// same signal <see cref="VersionCache"/> reloads on) or while one of its releases is being applied. One code costs a
/// partition query per table; a whole system (search, code sets, spans) is built once per state and the last few are kept.
/// </summary>
public sealed class KnownVersions(ReleaseStore releases, VersionStore versions)
{
    /// <summary>Whole systems kept: a few states (today's and the ones audits ask about) without holding every past.</summary>
    public const int SystemsKept = 4;

    private readonly Lock gate = new();
    private readonly Dictionary<CodeSystem, (string Head, IReadOnlyList<ReleaseRecord> Records)> releaseLists = [];
    private readonly LinkedList<KnownSystem> systems = new();

    /// <summary>The state the system answered from at <paramref name="knownAt"/>; null when nothing of it was published by then.</summary>
    public async Task<KnowledgeState?> StateAtAsync(CodeSystem system, DateTimeOffset knownAt, CancellationToken cancellationToken) =>
        KnowledgeInstant.At(await ReleasesOfAsync(system, cancellationToken), knownAt);

    /// <summary>One code as known at <paramref name="knownAt"/>; null when nothing of the system was published by then.</summary>
    public async Task<KnownCode?> CodeAtAsync(CodeSystem system, string code, DateTimeOffset knownAt, CancellationToken cancellationToken)
    {
        var rowsRead = versions.ReadKnownCodeAsync(system, code, cancellationToken);
        var state = await StateAtAsync(system, knownAt, cancellationToken);
        var rows = await rowsRead;
        return state is null ? null : new KnownCode(state, KnowledgeInstant.Known(state, rows).GetValueOrDefault(code), rows);
    }

    /// <summary>
    /// Every code of the system as known at <paramref name="knownAt"/>, in the form the present is held in (so search and
    /// every whole-system answer work on it unchanged); null when nothing of the system was published by then.
    /// </summary>
    public async Task<KnownSystem?> SystemAtAsync(CodeSystem system, DateTimeOffset knownAt, CancellationToken cancellationToken)
    {
        if (await StateAtAsync(system, knownAt, cancellationToken) is not { } state)
        {
            return null;
        }

        lock (gate)
        {
            if (systems.FirstOrDefault(s => s.System == system && s.State.Stamp == state.Stamp) is { } kept)
            {
                systems.Remove(kept);
                systems.AddFirst(kept);
                return kept with { State = state };
            }
        }

        var known = KnowledgeInstant.Known(state, await versions.ReadKnownSystemAsync(system, cancellationToken));
        var built = new KnownSystem(system, state, new SystemVersions($"known-{system.Name()}-{state.Stamp.ToUnixTimeMilliseconds()}", known.Values));
        lock (gate)
        {
            systems.AddFirst(built);
            while (systems.Count > SystemsKept)
            {
                systems.RemoveLast();
            }
        }

        return built;
    }

    /// <summary>
    /// The system's release records: read again when its head row moved since they were read, or while one is being
    /// applied (the head moves before its record says published, so a list read in between is not final).
    /// </summary>
    private async Task<IReadOnlyList<ReleaseRecord>> ReleasesOfAsync(CodeSystem system, CancellationToken cancellationToken)
    {
        var head = (await releases.HeadsAsync(cancellationToken)).GetValueOrDefault(system) ?? string.Empty;
        lock (gate)
        {
            if (releaseLists.TryGetValue(system, out var held) && held.Head == head && held.Records.All(r => r.Status != ReleaseStatus.Processing))
            {
                return held.Records;
            }
        }

        var records = await releases.ListAsync(system, cancellationToken);
        lock (gate)
        {
            releaseLists[system] = (head, records);
        }

        return records;
    }
}
