using Azure;

namespace CodeUpdates.Ingestion.Mail;

/// <summary>A held claim; its ETag makes the follow-up update or release conditional on nobody having taken it over.</summary>
public sealed record MailClaim(string PartitionKey, string RowKey, ETag ETag);
