namespace CodeUpdates.Ingestion.Search;

/// <summary>Which codes a search returns: those valid on the date (the default) or any status.</summary>
public enum SearchStatus
{
    Valid,
    Any,
}
