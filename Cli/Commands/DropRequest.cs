using CodeUpdates.Ingestion.ReleaseFiles;
using System.CommandLine;

namespace CodeUpdates.Cli.Commands;

/// <summary>What <c>codeupdates drop</c> was asked for, parsed and checked.</summary>
public sealed record DropRequest(string File, CodeSystem? System = null, DateOnly? Effective = null, string? Name = null);
