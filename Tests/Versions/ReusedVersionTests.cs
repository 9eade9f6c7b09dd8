using System.Text.Json;
using System.Text.RegularExpressions;
using CodeUpdates.Ingestion.Lookup;
using CodeUpdates.Ingestion.ReleaseFiles;
using CodeUpdates.Ingestion.Versions;
using CodeUpdates.Tests.Diff;

namespace CodeUpdates.Tests.Versions;

/// <summary>A code CMS reused with a new meaning (real 2018 and 2019 files): the version that starts the new meaning says so.</summary>
public sealed partial class ReusedVersionTests(CmsActionSnapshots cms) : IClassFixture<CmsActionSnapshots>
{
    [Fact]
    public void Only_the_version_that_starts_a_reused_code_s_new_text_is_marked_through_stored_statements_and_the_version_row()
    {
        // Written again here: CMS says A for a code 2018 already had, with another long description.
        var reused = cms.Txt2019.Codes
            .Where(c => c.ActionCode == "A" && cms.Txt2018.Find(c.Code) is { } before && Words(before.LongDescription) != Words(c.LongDescription))
            .Select(c => c.Code)
            .ToArray();
        var statements = new ReleaseStatements(CodeSystem.Hcpcs);
        statements.Apply(cms.Txt2018);
        statements.Apply(cms.Txt2019);
        // As an ingest keeps them: stored as JSON and read back.
        var json = JsonSerializer.Serialize(statements.ToDocument(), ReleaseStatementsStore.Json);
        var loaded = ReleaseStatements.FromDocument(JsonSerializer.Deserialize<ReleaseStatementsDocument>(json, ReleaseStatementsStore.Json)!);

        var marked = loaded.Codes.SelectMany(loaded.Versions).Where(v => v.Reused).ToArray();

        Assert.Contains("G9890", reused);
        Assert.Equal(reused, marked.Select(v => v.Code));
        Assert.All(marked, v =>
        {
            Assert.Equal(new DateOnly(2019, 1, 1), v.Release);
            Assert.Equal(cms.Txt2019.Find(v.Code)!.LongDescription, v.Descriptors[DescriptorKind.Long]);
            Assert.True(VersionStore.FromEntity(CodeSystem.Hcpcs, VersionStore.ToEntity(v)).Reused);
        });
        var history = CodeHistory.From(loaded.Versions("G9890"));
        Assert.Equal([null, true], history.Versions.Select(v => v.Reused));
        Assert.DoesNotContain("reused", JsonSerializer.Serialize(CodeHistory.From(loaded.Versions("A4563")), Ingestion.Answers.WebJson.Options), StringComparison.Ordinal);
    }

    private static string Words(string? text) => Spaces().Replace(text ?? string.Empty, " ").Trim();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
