using System.Text;

namespace CodeUpdates.Tests.Support;

/// <summary>The real CMS HCPCS files in ../shared, and small excerpts of them built at run time.</summary>
public static class CmsFiles
{
    public const string Txt2017 = "2017/HCPC17_CONTR_ANWEB.txt";
    public const string Txt2018 = "2018/HCPC2018_CONTR_ANWEB_disc.txt";
    public const string Txt2019 = "2019/HCPC2019_CONTR_ANWEB.txt";
    public const string Xlsx2019 = "2019/HCPC2019_CONTR_ANWEB.xlsx";

    public static byte[] Read(string relative) => File.ReadAllBytes(RepoPaths.Cms(relative));

    /// <summary>
    /// The first <paramref name="codes"/> codes of a CMS .txt file (with their continuation lines),
    /// still in the CMS layout: a small real release for tests that ingest many times.
    /// </summary>
    public static byte[] Excerpt(string relative, int codes)
    {
        var latin = Encoding.Latin1;
        var lines = latin.GetString(Read(relative)).Split("\r\n");
        var kept = new StringBuilder();
        var seen = 0;
        foreach (var line in lines)
        {
            var isRecord = line.Length > 11 && line[10] is '3' or '4' or '7' or '8' && char.IsAsciiLetterOrDigit(line[3]);
            if (!isRecord)
            {
                continue;
            }

            if (line[10] is '3' or '7' && ++seen > codes)
            {
                break;
            }

            kept.Append(line).Append("\r\n");
        }

        return latin.GetBytes(kept.ToString());
    }
}
