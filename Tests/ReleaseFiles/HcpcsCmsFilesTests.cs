using CodeUpdates.Ingestion.ReleaseFiles;
using CodeUpdates.Ingestion.ReleaseFiles.Tabular;
using CodeUpdates.Tests.Support;
using Xunit;
using static CodeUpdates.Tests.Support.HcpcsTestData;


namespace CodeUpdates.Tests.ReleaseFiles;

/// <summary>The real CMS ANWEB files (../shared/data/cms-hcpcs): counts, and .txt against .xlsx of the same year.</summary>
public sealed class HcpcsCmsFilesTests
{
    public static TheoryData<string, int, int> Counts() => new()
    {
        // Counts from shared/data/cms-hcpcs/README.md (procedures RECID 3, modifiers RECID 7).
        { Txt2017, 6155, 343 },
        { Xlsx2017, 6155, 343 },
        { Txt2018, 6205, 354 },
        { Xlsx2018, 6205, 354 },
        { Txt2019, 6440, 360 },
        { Xlsx2019, 6440, 360 },
        { Xlsx2025, 8463, 383 },
    };

    [Theory]
    [MemberData(nameof(Counts))]
    public void Each_CMS_file_has_the_documented_procedure_and_modifier_counts(string file, int procedures, int modifiers)
    {
        var content = Read(file);

        Assert.Equal(CodeSystem.Hcpcs, content.System);
        Assert.Equal([DescriptorKind.Long, DescriptorKind.Short], content.DescriptorKinds);
        Assert.Equal(procedures, content.Codes.Count(c => c.Kind == CodeKind.Procedure));
        Assert.Equal(modifiers, content.Codes.Count(c => c.Kind == CodeKind.Modifier));
        Assert.All(content.Codes, c => Assert.Equal(CodeRecord.KindOf(c.Code), c.Kind));
        Assert.Equal(content.Codes.Count, content.Codes.Select(c => c.Code).Distinct().Count());
        Assert.All(content.Codes, c => Assert.False(string.IsNullOrWhiteSpace(c.LongDescription), c.Code));
    }

    [Fact]
    public void The_2025_file_carries_its_termination_dates_and_its_longest_descriptor()
    {
        var content = Read(Xlsx2025);

        Assert.Equal(1225, content.Codes.Count(c => c.TerminationDate is not null));
        Assert.Equal(4501, content.Codes.Max(c => c.LongDescription!.Length));
    }

    /// <summary>
    /// What CMS's .txt and .xlsx of one year disagree on, measured: the number of codes whose value differs,
    /// per field. Descriptors (after collapsing white space), ADD DT, TERM DT, ACTION CD, cross-references and
    /// every other administrative field must agree; the disagreements CMS's own files carry are listed exactly.
    /// </summary>
    public static TheoryData<string, string, string> Years() => new()
    {
        { Txt2017, Xlsx2017, "ACT EFF DT=3" },
        { Txt2018, Xlsx2018, string.Empty },
        { Txt2019, Xlsx2019, "ACT EFF DT=115; TOS4=2" },
    };

    [Theory]
    [MemberData(nameof(Years))]
    public void Txt_and_xlsx_of_a_year_agree_except_where_CMS_files_disagree(string txt, string xlsx, string measured)
    {
        var fromTxt = Read(txt).ByCode();
        var fromXlsx = Read(xlsx).ByCode();
        Assert.Equal(fromTxt.Keys.Order(), fromXlsx.Keys.Order());

        var disagreements = new SortedDictionary<string, int>(StringComparer.Ordinal);
        void Count(string field, bool same)
        {
            if (!same)
            {
                disagreements[field] = disagreements.GetValueOrDefault(field) + 1;
            }
        }

        foreach (var (code, t) in fromTxt)
        {
            var x = fromXlsx[code];
            Assert.Equal(t.Kind, x.Kind);
            Assert.Equal(TextNormalizer.Collapse(t.LongDescription), TextNormalizer.Collapse(x.LongDescription));
            Assert.Equal(TextNormalizer.Collapse(t.ShortDescription), TextNormalizer.Collapse(x.ShortDescription));
            Assert.Equal(t.AddDate, x.AddDate);
            Assert.Equal(t.TerminationDate, x.TerminationDate);
            Assert.Equal(t.ActionCode, x.ActionCode);
            Assert.Equal(t.CrossReferences, x.CrossReferences);

            // The .txt numbers sequences by 100s as the record layout says (00100); the workbook shows four digits (0010).
            Assert.Equal(t.SequenceNumber, x.SequenceNumber * 10);

            Count("ACT EFF DT", t.ActionEffectiveDate == x.ActionEffectiveDate);
            foreach (var field in t.Administrative.Keys.Union(x.Administrative.Keys))
            {
                Count(field, t.Administrative.GetValueOrDefault(field) == x.Administrative.GetValueOrDefault(field));
            }
        }

        Assert.Equal(measured, string.Join("; ", disagreements.Select(p => $"{p.Key}={p.Value}")));
    }

    [Fact]
    public void Numbers_in_the_workbook_read_as_the_txt_writes_them()
    {
        var fromTxt = Read(Txt2019).ByCode();
        var fromXlsx = Read(Xlsx2019).ByCode();

        // AA: MCM1 is the number 3350.5 in the workbook and the text "3350.5" in the .txt; G0503: PRICE1 13, ANEST_BU 0.
        Assert.Equal("3350.5", fromTxt["AA"].Administrative["MCM1"]);
        Assert.Equal("3350.5", fromXlsx["AA"].Administrative["MCM1"]);
        Assert.Equal("13", fromXlsx["G0503"].Administrative["PRICE1"]);
        Assert.Equal(fromTxt["G0503"].Administrative, fromXlsx["G0503"].Administrative);
        Assert.DoesNotContain(fromXlsx.Values.SelectMany(c => c.Administrative.Values), v => v.EndsWith(".0", StringComparison.Ordinal));
    }

    [Fact]
    public void Continuation_lines_join_into_one_long_descriptor_equal_to_the_workbook_text()
    {
        var g0503Txt = Read(Txt2019).ByCode()["G0503"];

        // 17 lines in the .txt (one RECID 3, sixteen RECID 4), each chunk trimmed and joined with one space.
        Assert.StartsWith("Subsequent psychiatric collaborative care management, first 60 minutes in a subsequent month of", g0503Txt.LongDescription);
        Assert.EndsWith("are prepared for discharge from active treatment", g0503Txt.LongDescription);
        Assert.DoesNotContain("  ", g0503Txt.LongDescription!.Replace(";  ", "; ", StringComparison.Ordinal), StringComparison.Ordinal);

        var txt2019 = Read(Txt2019).ByCode();
        var xlsx2019 = Read(Xlsx2019).ByCode();
        var longest = txt2019.Values.MaxBy(c => c.LongDescription!.Length)!;
        Assert.True(longest.LongDescription!.Length > 80 * 10, longest.Code);
        Assert.Equal(TextNormalizer.Collapse(xlsx2019[longest.Code].LongDescription), TextNormalizer.Collapse(longest.LongDescription));
    }

    [Fact]
    public void The_stray_G0503_continuation_row_in_the_2019_workbook_joins_the_code_above()
    {
        var fromXlsx = Read(Xlsx2019).ByCode();
        var fromTxt = Read(Txt2019).ByCode();

        // Row 2255 of sheet A is "G0503 / 0020 / RECID 4 / goals and are prepared for discharge from active treatment".
        Assert.Equal(6800, fromXlsx.Count);
        Assert.EndsWith("other treatment goals and are prepared for discharge from active treatment", fromXlsx["G0503"].LongDescription);
        Assert.Equal(TextNormalizer.Collapse(fromTxt["G0503"].LongDescription), TextNormalizer.Collapse(fromXlsx["G0503"].LongDescription));
        Assert.Equal("Subseq  psych care man,60mi", fromXlsx["G0503"].ShortDescription);
    }

    [Fact]
    public void Short_record_lines_are_padded()
    {
        // 2017 right-trims every continuation line to 91 characters; 2019 has one 316-character record (G8891, line 4461).
        var lines2019 = File.ReadAllLines(RepoPaths.Cms(Txt2019), CodePages.Cp1252);
        Assert.Equal(316, lines2019[4460].Length);
        Assert.StartsWith("G8891", lines2019[4460], StringComparison.Ordinal);
        Assert.Contains("(e.g., patients with palliati", Read(Txt2019).ByCode()["G8891"].LongDescription, StringComparison.Ordinal);

        var lines2017 = File.ReadAllLines(RepoPaths.Cms(Txt2017), CodePages.Cp1252);
        Assert.Equal(4330, lines2017.Count(l => l.Length == 91 && l[10] is '4' or '8'));
    }

    [Fact]
    public void The_2019_disclaimer_lines_with_no_break_spaces_are_skipped()
    {
        var bytes = File.ReadAllBytes(RepoPaths.Cms(Txt2019));
        var firstRecord = bytes.AsSpan().IndexOf("   A1001007"u8);
        Assert.True(bytes.AsSpan(0, firstRecord).Contains((byte)0xA0));

        var codes = Read(Txt2019).Codes;
        Assert.Equal(6800, codes.Count);
        Assert.Equal("A1", codes[0].Code);
        Assert.DoesNotContain(codes, c => c.LongDescription!.Contains("Disclaimer", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void Fields_land_in_their_typed_places()
    {
        var aa = Read(Txt2019).ByCode()["AA"];

        Assert.Equal(CodeKind.Modifier, aa.Kind);
        Assert.Equal("Anesthesia services performed personally by anesthesiologist", aa.LongDescription);
        Assert.Equal("Anesthesia perf by anesgst", aa.ShortDescription);
        Assert.Equal(new DateOnly(1984, 1, 1), aa.AddDate);
        Assert.Equal(new DateOnly(2001, 1, 1), aa.ActionEffectiveDate);
        Assert.Equal("D", aa.Administrative["COV"]);
        Assert.Equal("3350.5", aa.Administrative["MCM1"]);
        Assert.DoesNotContain("HCPC", aa.Administrative.Keys);
        Assert.DoesNotContain("ADD DT", aa.Administrative.Keys);

        var withXref = Read(Txt2019).Codes.First(c => c.CrossReferences.Count > 0);
        Assert.All(withXref.CrossReferences, x => Assert.False(string.IsNullOrWhiteSpace(x)));
        // ASC_DT and OPPS_DT as yyyy-MM-dd, except five 2018 ASC_DT values CMS wrote as yyMMdd, kept as written.
        var otherDates = Read(Txt2018).Codes.SelectMany(c => c.Administrative).Where(p => p.Key is "ASC_DT" or "OPPS_DT").ToArray();
        Assert.All(otherDates, p => Assert.Matches(@"^(\d{4}-\d{2}-\d{2}|\d{6})$", p.Value));
        Assert.Equal(["170401", "170701", "170701", "170701", "180101"], otherDates.Where(p => p.Value.Length == 6).Select(p => p.Value).Order());
    }
}
