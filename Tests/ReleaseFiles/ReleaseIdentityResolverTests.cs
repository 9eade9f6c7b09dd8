using CodeUpdates.Ingestion.ReleaseFiles;
using Xunit;

namespace CodeUpdates.Tests.ReleaseFiles;

public class ReleaseIdentityResolverTests
{
    private static Dictionary<string, string> Metadata(string key, string value) => new() { [key] = value };

    [Theory]
    [InlineData("cpt/2025/LONGULT.txt", "2025-01-01")]
    [InlineData("releases/cpt/2026/LONGULT.txt", "2026-01-01")]
    [InlineData("hcpcs/2025-04-01/x.txt", "2025-04-01")]
    [InlineData("HCPC2025_OCT_ANWEB.xlsx", "2025-10-01")]
    [InlineData("hcpcs/HCPC2025_APR_ANWEB_v2.txt", "2025-04-01")]
    [InlineData("HCPC17_CONTR_ANWEB.txt", "2017-01-01")]
    [InlineData("hcpcs/2019-Alpha-Numeric-HCPCS-File.zip", "2019-01-01")]
    [InlineData("cpt/CPT 2026.zip", "2026-01-01")]
    public void Effective_date_from_the_path(string name, string expected) =>
        Assert.Equal(DateOnly.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), ReleaseIdentityResolver.Effective(name, null));

    [Fact]
    public void Metadata_effective_wins_over_the_path() =>
        Assert.Equal(new DateOnly(2026, 3, 1), ReleaseIdentityResolver.Effective("cpt/2025/LONGULT.txt", Metadata("Effective", " 2026-03-01 ")));

    [Fact]
    public void A_date_segment_wins_over_a_cms_name() =>
        Assert.Equal(new DateOnly(2025, 2, 15), ReleaseIdentityResolver.Effective("hcpcs/2025-02-15/HCPC2025_JAN_ANWEB.xlsx", null));

    [Fact]
    public void Member_names_give_the_date_when_the_path_has_none() =>
        Assert.Equal(new DateOnly(2025, 7, 1), ReleaseIdentityResolver.Effective("hcpcs/upload.zip", null, ["HCPC2025_JUL_ANWEB.xlsx", "notes.pdf"]));

    [Theory]
    [InlineData("2025/01/01")]
    [InlineData("January 2025")]
    [InlineData("2025-13-01")]
    public void A_bad_metadata_date_is_an_invalid_release(string value)
    {
        var ex = Assert.Throws<InvalidReleaseException>(() => ReleaseIdentityResolver.Effective("cpt/2025/LONGULT.txt", Metadata("effective", value)));

        Assert.Contains($"'{value}'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("yyyy-MM-dd", ex.Message, StringComparison.Ordinal);
        Assert.StartsWith("cpt/2025/LONGULT.txt: ", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("cpt/LONGULT.txt")]
    [InlineData("uploads/descriptors.xlsx")]
    [InlineData("cpt/release-20251.txt")]
    public void No_date_anywhere_is_null(string name) => Assert.Null(ReleaseIdentityResolver.Effective(name, null));

    [Theory]
    [InlineData("cpt/2025/LONGULT.txt", CodeSystem.Cpt)]
    [InlineData("releases/hcpcs/2025-04-01/x.txt", CodeSystem.Hcpcs)]
    [InlineData("CPT/2025/x.txt", CodeSystem.Cpt)]
    public void System_from_the_path(string name, CodeSystem expected) => Assert.Equal(expected, ReleaseIdentityResolver.SystemFromPath(name, null));

    [Fact]
    public void System_from_metadata_wins_and_a_bare_name_has_none()
    {
        Assert.Equal(CodeSystem.Cpt, ReleaseIdentityResolver.SystemFromPath("hcpcs/2025/x.txt", Metadata("system", "CPT")));
        Assert.Null(ReleaseIdentityResolver.SystemFromPath("cpt", null));
        Assert.Null(ReleaseIdentityResolver.SystemFromPath("uploads/LONGULT.txt", null));
    }

    [Fact]
    public void ReleaseReader_rejects_a_release_without_an_effective_date()
    {
        var ex = Assert.Throws<InvalidReleaseException>(() => ReleaseReader.Read(new ReleaseFile("cpt/LONGULT.txt", CptFixtures.Member(2026, "LONGULT.txt").Content)));

        Assert.Contains("no effective date", ex.Message, StringComparison.Ordinal);
    }
}
