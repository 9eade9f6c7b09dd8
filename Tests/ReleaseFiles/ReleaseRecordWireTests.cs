using CodeUpdates.Ingestion.Answers;
using CodeUpdates.Ingestion.Releases;
using CodeUpdates.Ingestion.Storage;
using System.Text.Json;

namespace CodeUpdates.Tests.ReleaseFiles;

/// <summary>A release record's status is an enum in code and the same lower-case word on the wire as before.</summary>
public sealed class ReleaseRecordWireTests
{
    private static readonly DateTimeOffset At = new(2025, 1, 2, 3, 4, 5, TimeSpan.Zero);

    public static TheoryData<ReleaseStatus, string> Statuses => new()
    {
        { ReleaseStatus.Processing, "processing" },
        { ReleaseStatus.Published, "published" },
        { ReleaseStatus.Rejected, "rejected" },
        { ReleaseStatus.Superseded, "superseded" },
    };

    [Theory]
    [MemberData(nameof(Statuses))]
    public void Each_status_is_written_and_read_as_its_lower_case_word_in_the_API_and_the_table(ReleaseStatus status, string word)
    {
        var record = ReleaseRecord.Processing("hcpcs", new DateOnly(2025, 1, 1), "hcpcs/2025-01-01/anweb.txt", "ab", 3, At) with { Status = status };

        var json = JsonSerializer.Serialize(record, WebJson.Options);

        Assert.Contains($"\"status\":\"{word}\"", json, StringComparison.Ordinal);
        Assert.Equal(status, JsonSerializer.Deserialize<ReleaseRecord>(json, WebJson.Options)!.Status);
        Assert.Equal(word, status.Name());
        Assert.Equal(status, ReleaseStatuses.Parse(word));
    }

    [Fact]
    public void The_factories_fill_what_each_status_carries_and_leave_the_rest_empty()
    {
        var published = ReleaseRecord.Published("hcpcs", new DateOnly(2025, 1, 1), "a.txt", "ab", 3, new DateOnly(2024, 10, 1), new ReleaseCounts(1, 2, 0, 0, 0, 0, 3), At, At.AddMinutes(1), 7);
        var rejected = ReleaseRecord.Rejected("hcpcs", null, "b.txt", "cd", "empty file", At);
        var superseded = ReleaseRecord.Superseded("hcpcs", new DateOnly(2025, 1, 1), "c.txt", "ef", 3, At, At.AddSeconds(-5), "a.txt");

        Assert.Equal((ReleaseStatus.Published, (DateOnly?)new DateOnly(2024, 10, 1), (int?)7, (string?)null), (published.Status, published.Prior, published.VersionRowsWritten, published.Reason));
        Assert.Equal((ReleaseStatus.Rejected, (int?)null, "empty file", (DateTimeOffset?)null), (rejected.Status, rejected.Codes, rejected.Reason, rejected.PublishedAt));
        Assert.Equal((ReleaseStatus.Superseded, "a.txt", (DateTimeOffset?)At.AddSeconds(-5), (ReleaseCounts?)null), (superseded.Status, superseded.SupersededBy, superseded.UploadedAt, superseded.Counts));
        Assert.Equal($"{StorageNames.QuarantineContainer}/b.txt", rejected.KeptIn);
    }

    [Fact]
    public void A_row_with_no_status_or_an_unknown_one_reads_as_processing_so_the_sweep_finishes_it()
    {
        Assert.Equal(ReleaseStatus.Processing, ReleaseStatuses.Parse(null));
        Assert.Equal(ReleaseStatus.Processing, ReleaseStatuses.Parse("archived"));
    }
}
