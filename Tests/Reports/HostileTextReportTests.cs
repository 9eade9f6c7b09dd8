using CodeUpdates.Ingestion.Diff;
using CodeUpdates.Ingestion.ReleaseFiles;
using CodeUpdates.Ingestion.Reports;
using CodeUpdates.Tests.Fhir;
using CodeUpdates.Tests.Mail;
using System.IO.Compression;
using System.Text;
using System.Xml.Linq;

namespace CodeUpdates.Tests.Reports;

/// <summary>The change report's .xlsx (the download and the mail attachment) stays well-formed whatever a stored descriptor holds.</summary>
public sealed class HostileTextReportTests
{
    [Fact]
    public async Task Every_part_of_the_workbook_is_well_formed_xml_and_the_text_keeps_all_but_the_characters_xml_cannot_hold()
    {
        var xlsx = await ChangeReportTable.ToXlsxAsync(HostileDiff(), default);

        using var zip = new ZipArchive(new MemoryStream(xlsx), ZipArchiveMode.Read);
        var texts = new List<string>();
        foreach (var part in zip.Entries.Where(e => e.FullName.EndsWith(".xml", StringComparison.Ordinal) || e.FullName.EndsWith(".rels", StringComparison.Ordinal)))
        {
            using var stream = part.Open();
            var xml = XDocument.Load(stream);
            texts.AddRange(xml.Descendants().Where(e => e.Name.LocalName == "t").Select(e => e.Value));
        }

        Assert.Contains(HostileTextVersions.LongClean, texts);
        Assert.Contains(HostileTextVersions.ShortClean, texts);
    }

    [Fact]
    public void The_html_report_carries_none_of_the_characters_xml_cannot_hold()
    {
        var html = ChangeReportHtml.Render(HostileDiff());

        Assert.DoesNotContain(html, ch => ch is '\u0007' or '\u001b' or '\uFFFE' or '\uFFFF' || char.IsSurrogate(ch));
        Assert.Contains("outside", html, StringComparison.Ordinal);
    }

    private static ReleaseDiffResult HostileDiff()
    {
        var prior = ExampleDiffs.Prior();
        var current = ExampleDiffs.Current();
        var hostile = current.Codes
            .Select(c => c.Code == HostileTextVersions.Code
                ? c with { Descriptors = new Dictionary<string, string> { [DescriptorKind.Long] = HostileTextVersions.Long, [DescriptorKind.Short] = HostileTextVersions.Short } }
                : c)
            .ToArray();
        return ReleaseDiff.Compare(prior, new ReleaseSnapshot(current.Identity, current.DescriptorKinds, hostile));
    }
}
