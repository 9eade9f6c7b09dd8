using CodeUpdates.Ingestion.ReleaseFiles;
using CodeUpdates.Ingestion.Versions;

namespace CodeUpdates.Tests.Versions;

/// <summary>DESIGN.md "Versions and as-of answers" on small invented releases.</summary>
public sealed class CodeTimelineTests
{
    private static readonly DateOnly Jan2024 = new(2024, 1, 1);
    private static readonly DateOnly Jan2025 = new(2025, 1, 1);
    private static readonly DateOnly Jan2026 = new(2026, 1, 1);

    [Fact]
    public void Valid_from_is_the_latest_add_date_and_valid_to_the_latest_termination_date()
    {
        var versions = CodeTimeline.Build("A9990", [
            Hcpcs(Jan2024, Code("A9990", "Invented kit", add: new DateOnly(2023, 7, 1))),
            Hcpcs(Jan2025, Code("A9990", "Invented kit", add: new DateOnly(2023, 7, 1), term: new DateOnly(2025, 3, 31))),
        ]);

        var only = Assert.Single(versions);
        Assert.Equal(new DateOnly(2023, 7, 1), only.ValidFrom);
        Assert.Equal(new DateOnly(2025, 3, 31), only.ValidTo);
        Assert.Equal(CodeStatus.Active, AsOfAnswer.For(versions, new DateOnly(2025, 3, 31)).Status);
        Assert.Equal(CodeStatus.Terminated, AsOfAnswer.For(versions, new DateOnly(2025, 4, 1)).Status);
        Assert.Equal(CodeStatus.NotYetEffective, AsOfAnswer.For(versions, new DateOnly(2023, 6, 30)).Status);
    }

    [Fact]
    public void Without_a_termination_date_a_later_release_that_lacks_the_code_ends_it_the_day_before()
    {
        var versions = CodeTimeline.Build("A9991", [
            Hcpcs(Jan2024, Code("A9991", "Invented wrap")),
            Hcpcs(Jan2025, Code("A9992", "Other")),
            Hcpcs(Jan2026, Code("A9992", "Other")),
        ]);

        var only = Assert.Single(versions);
        Assert.Equal(Jan2024, only.ValidFrom);
        Assert.Equal(new DateOnly(2024, 12, 31), only.ValidTo);
    }

    [Fact]
    public void New_text_starts_at_the_action_effective_date_when_it_falls_inside_the_interval()
    {
        var inside = CodeTimeline.Build("A9993", [
            Hcpcs(Jan2024, Code("A9993", "Invented pad, small")),
            Hcpcs(Jan2025, Code("A9993", "Invented pad, any size", actionEffective: new DateOnly(2024, 4, 1))),
        ]);
        Assert.Equal([Jan2024, new DateOnly(2024, 4, 1)], inside.Select(v => v.Start));
        Assert.Equal(new DateOnly(2024, 3, 31), inside[0].End);
        Assert.Equal("Invented pad, small", AsOfAnswer.For(inside, new DateOnly(2024, 3, 31)).Version.Descriptors[DescriptorKind.Long]);
        Assert.Equal("Invented pad, any size", AsOfAnswer.For(inside, new DateOnly(2024, 4, 1)).Version.Descriptors[DescriptorKind.Long]);

        // An action date on or before the prior release, or after this one, does not count: the release date does.
        foreach (var outside in new[] { Jan2024, new DateOnly(2019, 1, 1), new DateOnly(2025, 2, 1) })
        {
            var versions = CodeTimeline.Build("A9993", [
                Hcpcs(Jan2024, Code("A9993", "Invented pad, small")),
                Hcpcs(Jan2025, Code("A9993", "Invented pad, any size", actionEffective: outside)),
            ]);
            Assert.Equal(Jan2025, versions[1].Start);
        }
    }

    [Fact]
    public void Before_the_first_text_starts_the_first_text_applies_and_white_space_is_not_a_new_text()
    {
        var versions = CodeTimeline.Build("A9994", [
            Hcpcs(Jan2024, Code("A9994", "Invented  gauze,\tsterile", add: new DateOnly(2024, 7, 1))),
            Hcpcs(Jan2025, Code("A9994", "Invented gauze, sterile ", add: new DateOnly(2024, 7, 1))),
        ]);

        var only = Assert.Single(versions);
        var early = AsOfAnswer.For(versions, new DateOnly(2020, 1, 1));
        Assert.Equal(CodeStatus.NotYetEffective, early.Status);
        Assert.Same(only, early.Version);
    }

    [Fact]
    public void Cpt_codes_are_valid_from_their_first_release_to_the_day_before_the_first_release_without_them()
    {
        var releases = new[]
        {
            Cpt(Jan2024, Code("99990", "Invented visit, brief"), Code("99991", "Invented visit, long")),
            Cpt(Jan2025, Code("99990", "Invented visit, brief, any setting"), Code("99991", "Invented visit, long")),
            Cpt(Jan2026, Code("99990", "Invented visit, brief, any setting")),
        };

        var deleted = CodeTimeline.Build("99991", releases);
        Assert.Equal(Jan2024, deleted[0].ValidFrom);
        Assert.Equal(new DateOnly(2025, 12, 31), deleted[0].ValidTo);

        var revised = CodeTimeline.Build("99990", releases);
        Assert.Equal([Jan2024, Jan2025], revised.Select(v => v.Start));
        Assert.Null(revised[^1].ValidTo);
    }

    [Fact]
    public void The_versions_do_not_depend_on_the_order_the_releases_arrived_in()
    {
        var a = Hcpcs(Jan2024, Code("A9995", "Invented one"), Code("A9996", "Invented two"));
        var b = Hcpcs(Jan2025, Code("A9995", "Invented one, revised", actionEffective: new DateOnly(2024, 10, 1)));
        var c = Hcpcs(Jan2026, Code("A9995", "Invented one, revised", term: new DateOnly(2026, 6, 30)), Code("A9996", "Invented two"));

        var forward = CodeTimeline.BuildAll([a, b, c]).SelectMany(v => v).ToArray();
        var shuffled = CodeTimeline.BuildAll([c, a, b]).SelectMany(v => v).ToArray();

        Assert.Equal(forward.Select(Describe), shuffled.Select(Describe));
    }

    [Fact]
    public void Two_releases_for_one_date_are_refused()
    {
        Assert.Throws<ArgumentException>(() => CodeTimeline.Build("A9995", [Hcpcs(Jan2024, Code("A9995", "x")), Hcpcs(Jan2024, Code("A9995", "y"))]));
    }

    private static string Describe(CodeVersion v) =>
        $"{v.Code} {v.Start} {v.End} {v.ValidFrom} {v.ValidTo} {v.Release} {string.Join("|", v.Descriptors.OrderBy(d => d.Key).Select(d => d.Value))}";

    private static CodeRecord Code(string code, string text, DateOnly? add = null, DateOnly? term = null, DateOnly? actionEffective = null) =>
        new(code, CodeRecord.KindOf(code), new Dictionary<string, string> { [DescriptorKind.Long] = text },
            AddDate: add, TerminationDate: term, ActionEffectiveDate: actionEffective);

    private static ReleaseSnapshot Hcpcs(DateOnly effective, params CodeRecord[] codes) =>
        new(new ReleaseIdentity(CodeSystem.Hcpcs, effective, $"hcpcs-{effective:yyyy}", "sha"), [DescriptorKind.Long], codes);

    private static ReleaseSnapshot Cpt(DateOnly effective, params CodeRecord[] codes) =>
        new(new ReleaseIdentity(CodeSystem.Cpt, effective, $"cpt-{effective:yyyy}", "sha"), [DescriptorKind.Long], codes);
}
