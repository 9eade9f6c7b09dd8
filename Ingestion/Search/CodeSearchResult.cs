using CodeUpdates.Ingestion.Versions;

namespace CodeUpdates.Ingestion.Search;

/// <summary>One page of matches, each the code's as-of answer on the query's date, and how many matched in all.</summary>
public sealed record CodeSearchResult(int Total, IReadOnlyList<AsOfAnswer> Matches);
