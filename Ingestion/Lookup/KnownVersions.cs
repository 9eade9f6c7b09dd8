using CodeUpdates.Ingestion.ReleaseFiles;
using CodeUpdates.Ingestion.Releases;
using CodeUpdates.Ingestion.Versions;
using Microsoft.Extensions.Logging;

namespace CodeUpdates.Ingestion.Lookup;

/// <summary>
/// What the system held at a past instant (<see cref="KnowledgeInstant"/>): the present and the closed versions. The
/// release list of each system is kept in memory and read again when the system's head row moved (the same signal
/// <see cref="VersionCache"/> reloads on) or while one of its releases is being applied.
/// <para>
/// Every row of a system, present and closed, is held in memory too (<see cref="KnownRows"/>), read once after a
/// publish. A state never changes once published: a later release writes new rows and closes old ones, and a closed
/// row keeps holding for the states before it. So rows read after the publication of stamp S answer every state up to
/// S exactly, from memory, also while later releases are applied. A state newer than the rows held (just published,
/// or before the first read finished) is answered from storage, one partition query per table for a code, while the
/// rows are read again in the background.
/// </para>
/// A whole system (search, code sets, spans) is built once per state and the last few are kept.
/// </summary>
public sealed class KnownVersions(ReleaseStore releases, VersionStore versions, ILogger<KnownVersions> logger)
{
    /// <summary>Whole systems kept: a few states (today's and the ones audits ask about) without holding every past.</summary>
    public const int SystemsKept = 4;

    private readonly Lock gate = new();
    private readonly Dictionary<CodeSystem, (string Head, IReadOnlyList<ReleaseRecord> Records)> releaseLists = [];
    private readonly Dictionary<CodeSystem, KnownRows> rowsHeld = [];
    private readonly Dictionary<CodeSystem, Task<KnownRows?>> rowsReading = [];
    private readonly LinkedList<KnownSystem> systems = new();

    /// <summary>The state the system answered from at <paramref name="knownAt"/>; null when nothing of it was published by then.</summary>
    public async Task<KnowledgeState?> StateAtAsync(CodeSystem system, DateTimeOffset knownAt, CancellationToken cancellationToken) =>
        KnowledgeInstant.At(await ReleasesOfAsync(system, cancellationToken), knownAt);

    /// <summary>One code as known at <paramref name="knownAt"/>; null when nothing of the system was published by then.</summary>
    public async Task<KnownCode?> CodeAtAsync(CodeSystem system, string code, DateTimeOffset knownAt, CancellationToken cancellationToken)
    {
        if (await StateAtAsync(system, knownAt, cancellationToken) is not { } state)
        {
            return null;
        }

        IReadOnlyList<KnownVersion> rows;
        if (HeldFor(system, state) is { } held)
        {
            rows = held.Of(code);
        }
        else
        {
            StartReadingRows(system);
            rows = await versions.ReadKnownCodeAsync(system, code, cancellationToken);
        }

        return new KnownCode(state, KnowledgeInstant.Known(state, rows).GetValueOrDefault(code), rows);
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

        // A whole system is read either way: read it as the rows held, so the next single codes come from memory too.
        var held = HeldFor(system, state);
        if (held is null && await ReadRowsAsync(system).WaitAsync(cancellationToken) is { } read && read.Covers >= state.Stamp)
        {
            held = read;
        }

        var rows = held?.All ?? await versions.ReadKnownSystemAsync(system, cancellationToken);
        var known = KnowledgeInstant.Known(state, rows);
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

    /// <summary>Reads the system's rows into memory now (as a lookup does in the background); what they cover, or null when nothing was published.</summary>
    internal async Task<DateTimeOffset?> HoldRowsAsync(CodeSystem system, CancellationToken cancellationToken) =>
        (await ReadRowsAsync(system).WaitAsync(cancellationToken))?.Covers;

    private KnownRows? HeldFor(CodeSystem system, KnowledgeState state)
    {
        lock (gate)
        {
            return rowsHeld.TryGetValue(system, out var held) && held.Covers >= state.Stamp ? held : null;
        }
    }

    private void StartReadingRows(CodeSystem system) => _ = ReadRowsAsync(system);

    /// <summary>One read of the system's rows at a time; callers that come while it runs share it.</summary>
    private Task<KnownRows?> ReadRowsAsync(CodeSystem system)
    {
        lock (gate)
        {
            if (rowsReading.TryGetValue(system, out var reading))
            {
                return reading;
            }

            reading = Task.Run(() => ReadRowsNowAsync(system));
            rowsReading[system] = reading;
            return reading;
        }
    }

    private async Task<KnownRows?> ReadRowsNowAsync(CodeSystem system)
    {
        try
        {
            // The publications are read before the rows: the rows then hold every state up to the last of them.
            var records = await releases.ListAsync(system, CancellationToken.None);
            if (KnowledgeInstant.Publications(records) is not { Count: > 0 } publications)
            {
                return null;
            }

            var read = new KnownRows(publications.Max(KnowledgeInstant.StampOf), await versions.ReadKnownSystemAsync(system, CancellationToken.None));
            lock (gate)
            {
                if (!rowsHeld.TryGetValue(system, out var held) || held.Covers < read.Covers)
                {
                    rowsHeld[system] = read;
                }
            }

            logger.LogInformation("Held the {System} rows of every state up to {Stamp:O}: {Rows} rows", system.Name(), read.Covers, read.All.Count);
            return read;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // The lookups that asked were answered from storage; the next one that needs the rows reads them again.
            logger.LogWarning(e, "Reading the {System} rows into memory failed", system.Name());
            return null;
        }
        finally
        {
            lock (gate)
            {
                rowsReading.Remove(system);
            }
        }
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
