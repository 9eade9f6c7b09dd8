using CodeUpdates.Ingestion.ReleaseFiles;
using System.CommandLine;

namespace CodeUpdates.Cli.Commands;

/// <summary>What <c>codeupdates diff</c> was asked for, parsed and checked.</summary>
public sealed record DiffRequest(
    string Prior,
    string Current,
    CodeSystem? System = null,
    DateOnly? EffectivePrior = null,
    DateOnly? Effective = null,
    string Format = "json",
    string? Out = null,
    bool AllowReverse = false);
