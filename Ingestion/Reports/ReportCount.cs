using System.Globalization;
using CodeUpdates.Ingestion.Diff;
using CodeUpdates.Ingestion.ReleaseFiles;

namespace CodeUpdates.Ingestion.Reports;

/// <summary>How many codes changed in one way.</summary>
public sealed record ReportCount(ChangeType Type, string Name, int Codes);
