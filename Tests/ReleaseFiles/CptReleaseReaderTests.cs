using CodeUpdates.Ingestion.ReleaseFiles;
using CodeUpdates.Ingestion.ReleaseFiles.Cpt;
using System.Text;
using Xunit;

namespace CodeUpdates.Tests.ReleaseFiles;

public class CptReleaseReaderTests
{
    private static readonly string[] Added = ["10030", "99216", "0004F", "0045T", "0004U"];
    private static readonly string[] Deleted = ["20040", "50100", "0003F", "0044T"];

    private static CodeRecord Code(ReleaseContent content, string code) => Assert.Single(content.Codes, c => c.Code == code);

    [Fact]
    public void Longult_skips_the_header_block_and_reads_code_tab_text()
    {
        var content = CptReleaseReader.Read([CptFixtures.Member(2025, "LONGULT.txt")]);

        Assert.Equal(CodeSystem.Cpt, content.System);
        Assert.Equal([DescriptorKind.Long], content.DescriptorKinds);
        Assert.Equal(26, content.Codes.Count);
        var wrist = Code(content, "0042T");
        Assert.Equal("Experimental moonlight scan of a sample wrist", wrist.LongDescription);
        Assert.Equal(CodeKind.Procedure, wrist.Kind);
        Assert.Null(wrist.AddDate);
        Assert.Null(wrist.TerminationDate);
        Assert.Single(wrist.Descriptors);
        Assert.Contains(content.Codes, c => c.Code == "0001F");
        Assert.Contains(content.Codes, c => c.Code == "0001U");
        Assert.Equal(content.Codes.Select(c => c.Code).Order(StringComparer.Ordinal), content.Codes.Select(c => c.Code));
    }

    [Fact]
    public void Longult_with_bom_keeps_tabs_and_spaces_inside_the_text()
    {
        var content = CptReleaseReader.Read([CptFixtures.Member(2026, "LONGULT.txt")]);

        Assert.Equal(27, content.Codes.Count);
        Assert.Equal("Fictional gland polishing,\tleft side", Code(content, "60110").LongDescription);
        Assert.Equal("Placebo  joint wiggle test,  one side", Code(content, "20030").LongDescription);
        Assert.Equal("Pretend lip balm application by a clinician", Code(content, "40070").LongDescription);
        Assert.Equal("00", Code(content, "0001F").Code[..2]);
    }

    [Fact]
    public void Medu_and_shortu_are_code_space_fixed_width_text()
    {
        var medium = CptReleaseReader.Read([CptFixtures.Member(2026, "MEDU.txt")]);
        var shortText = CptReleaseReader.Read([CptFixtures.Member(2026, "SHORTU.txt")]);

        Assert.Equal([DescriptorKind.Medium], medium.DescriptorKinds);
        Assert.Equal([DescriptorKind.Short], shortText.DescriptorKinds);
        Assert.Equal(27, medium.Codes.Count);
        Assert.Equal(27, shortText.Codes.Count);
        Assert.Equal("SAMPLE  SHADOW PHOTO ELBOW 2 VIEWS", Code(medium, "70120").Descriptors[DescriptorKind.Medium]);
        Assert.Equal("MOCK KIDNEY BEAN TALLY SINGLE", Code(medium, "50090").Descriptors[DescriptorKind.Medium]);
        Assert.Equal("TONGUE TWISTER REVIEW", Code(shortText, "40080").ShortDescription);
    }

    [Theory]
    [InlineData(2025)]
    [InlineData(2026)]
    public void Consumer_descriptors_are_read_in_cp1252_and_utf8(int year)
    {
        var content = CptReleaseReader.Read([CptFixtures.Member(year, "ConsumerDescriptor.txt")]);

        Assert.Equal([DescriptorKind.Consumer], content.DescriptorKinds);
        Assert.Equal("Grading the colour of test tubes (café lighting)", Code(content, "80130").Descriptors[DescriptorKind.Consumer]);
    }

    [Fact]
    public void Clinician_descriptors_of_one_code_are_joined_in_id_order()
    {
        var content = CptReleaseReader.Read([CptFixtures.Member(2026, "ClinicianDescriptor.txt")]);

        Assert.Equal([DescriptorKind.Clinician], content.DescriptorKinds);
        Assert.Equal(
            "Office chat with a  returning visitor about made-up concerns\nModest-complexity decision about an invented plan",
            Code(content, "99213").Descriptors[DescriptorKind.Clinician]);
        Assert.Equal("Experimental starlight scan of a sample ankle with report", Code(content, "0045T").Descriptors[DescriptorKind.Clinician]);
    }

    [Fact]
    public void The_text_files_of_a_release_merge_into_one_record_per_code()
    {
        var content = CptReleaseReader.Read(CptFixtures.TextMembers(2026));

        Assert.Equal(DescriptorKind.All, content.DescriptorKinds);
        Assert.Equal(27, content.Codes.Count);
        Assert.All(content.Codes, c => Assert.Equal(5, c.Descriptors.Count));
        var blister = Code(content, "10010");
        Assert.Equal("Invented drainage of a sample blister, one simple pocket", blister.LongDescription);
        Assert.Equal("SAMPLE BLISTER DRAINAGE SIMPLE", blister.Descriptors[DescriptorKind.Medium]);
        Assert.Equal("SAMPLE BLISTER DRAIN SIMPLE", blister.ShortDescription);
        Assert.Equal("Draining one made-up blister", blister.Descriptors[DescriptorKind.Consumer]);
    }

    [Fact]
    public void The_fixture_changes_match_the_fixture_readme()
    {
        var before = CptReleaseReader.Read(CptFixtures.TextMembers(2025)).Codes.ToDictionary(c => c.Code);
        var after = CptReleaseReader.Read(CptFixtures.TextMembers(2026)).Codes.ToDictionary(c => c.Code);

        Assert.Equal(Added.Order(StringComparer.Ordinal), after.Keys.Except(before.Keys).Order(StringComparer.Ordinal));
        Assert.Equal(Deleted.Order(StringComparer.Ordinal), before.Keys.Except(after.Keys).Order(StringComparer.Ordinal));

        var revised = before.Keys.Intersect(after.Keys)
            .SelectMany(code => DescriptorKind.All
                .Where(kind => !TextNormalizer.SameText(before[code].Descriptors[kind], after[code].Descriptors[kind]))
                .Select(kind => $"{code}:{kind}"))
            .Order(StringComparer.Ordinal);
        Assert.Equal(
            new[]
            {
                "0002U:consumer", "0002U:long", "0042T:long", "10010:long", "10010:medium", "10010:short",
                "30050:long", "40080:short", "50090:medium", "90140:consumer", "99214:clinician",
            }.Order(StringComparer.Ordinal),
            revised);

        // Whitespace-only edits: the bytes differ, the collapsed text does not.
        Assert.NotEqual(before["20030"].LongDescription, after["20030"].LongDescription);
        Assert.NotEqual(before["60110"].LongDescription, after["60110"].LongDescription);
        Assert.NotEqual(before["70120"].Descriptors[DescriptorKind.Medium], after["70120"].Descriptors[DescriptorKind.Medium]);
        Assert.NotEqual(before["0001F"].Descriptors[DescriptorKind.Consumer], after["0001F"].Descriptors[DescriptorKind.Consumer]);
        Assert.NotEqual(before["99213"].Descriptors[DescriptorKind.Clinician], after["99213"].Descriptors[DescriptorKind.Clinician]);
    }

    [Fact]
    public void Csv_xlsx_zip_and_text_forms_of_2026_give_the_same_records()
    {
        var text = CptReleaseReader.Read(CptFixtures.TextMembers(2026));
        var csv = CptReleaseReader.Read([CptFixtures.Csv2026]);
        var xlsx = CptReleaseReader.Read([new ReleaseMember("cpt/2026/descriptors.xlsx", CptFixtures.Xlsx2026())]);
        var zip = ReleaseReader.Read(new ReleaseFile("cpt/CPT 2026.zip", CptFixtures.Zip(2026)));

        foreach (var other in new[] { csv, xlsx })
        {
            Assert.Equal(DescriptorKind.All, other.DescriptorKinds);
            AssertSameRecords(text.Codes, other.Codes);
        }

        Assert.Equal(DescriptorKind.All, zip.DescriptorKinds);
        AssertSameRecords(text.Codes, zip.Codes);
    }

    [Fact]
    public void A_longult_only_release_carries_only_long()
    {
        var snapshot = ReleaseReader.Read(new ReleaseFile("cpt/2026/cpt.zip", CptFixtures.Zip(2026, ["LONGULT.txt"])));

        Assert.Equal([DescriptorKind.Long], snapshot.DescriptorKinds);
        Assert.All(snapshot.Codes, c => Assert.Equal([DescriptorKind.Long], c.Descriptors.Keys));
    }

    [Fact]
    public void ReleaseReader_detects_cpt_from_a_zip_when_the_path_names_no_system()
    {
        var bytes = CptFixtures.Zip(2026);
        var snapshot = ReleaseReader.Read(new ReleaseFile("uploads/ama-data-files.zip", bytes));

        Assert.Equal(CodeSystem.Cpt, snapshot.Identity.System);
        Assert.Equal(new DateOnly(2026, 1, 1), snapshot.Identity.Effective);
        Assert.Equal("uploads/ama-data-files.zip", snapshot.Identity.Source);
        Assert.Equal(ReleaseIdentityResolver.Sha256(bytes), snapshot.Identity.Sha256);
        Assert.Equal(27, snapshot.Codes.Count);
        Assert.Equal("Proprietary pretend assay of invented marker delta", snapshot.Find("0004U")?.LongDescription);
    }

    [Fact]
    public void ReleaseReader_reads_a_single_longult_dropped_under_its_year()
    {
        var member = CptFixtures.Member(2025, "LONGULT.txt");
        var snapshot = ReleaseReader.Read(new ReleaseFile("cpt/2025/LONGULT.txt", member.Content));

        Assert.Equal(new ReleaseIdentity(CodeSystem.Cpt, new DateOnly(2025, 1, 1), "cpt/2025/LONGULT.txt", ReleaseIdentityResolver.Sha256(member.Content)), snapshot.Identity);
        Assert.True(snapshot.Contains("0044T"));
    }

    [Fact]
    public void Lower_case_upper_case_long_file_is_set_aside_when_longult_is_present()
    {
        var upper = CptFixtures.TextMember("CPT 2026/LONGUT.txt", "99213\tUPPER CASE COPY\n");
        var content = CptReleaseReader.Read([CptFixtures.Member(2026, "LONGULT.txt"), upper]);

        Assert.StartsWith("Made-up office chat", Code(content, "99213").LongDescription);
        Assert.Equal("UPPER CASE COPY", Code(CptReleaseReader.Read([upper]), "99213").LongDescription);
    }

    [Fact]
    public void Modifiers_in_modul_are_two_digit_codes()
    {
        var content = CptReleaseReader.Read(
        [
            CptFixtures.Member(2026, "LONGULT.txt"),
            CptFixtures.TextMember("CPT 2026/MODUL.txt", "Invented modifiers; not AMA content\n25\tInvented modifier for a separate sample service\n"),
        ]);

        var modifier = Code(content, "25");
        Assert.Equal(CodeKind.Modifier, modifier.Kind);
        Assert.Equal(28, content.Codes.Count);
    }

    [Fact]
    public void A_header_row_need_not_be_the_first_row_and_descriptor_alone_means_long()
    {
        var content = CptReleaseReader.Read([CptFixtures.TextMember("cpt-extract.csv", "Invented extract,,\r\n\r\nCode,Descriptor,Note\r\n0001U,\"Pretend assay, quoted, with \"\"marks\"\"\",x\r\n")]);

        Assert.Equal([DescriptorKind.Long], content.DescriptorKinds);
        Assert.Equal("Pretend assay, quoted, with \"marks\"", Code(content, "0001U").LongDescription);
    }

    private static void AssertSameRecords(IReadOnlyList<CodeRecord> expected, IReadOnlyList<CodeRecord> actual)
    {
        Assert.Equal(expected.Select(c => c.Code), actual.Select(c => c.Code));
        foreach (var (e, a) in expected.Zip(actual))
        {
            Assert.Equal(e.Kind, a.Kind);
            foreach (var kind in e.Descriptors.Keys.Intersect(a.Descriptors.Keys))
            {
                Assert.True(e.Descriptors[kind] == a.Descriptors[kind], $"{e.Code} {kind}: '{e.Descriptors[kind]}' vs '{a.Descriptors[kind]}'");
            }
        }
    }
}
