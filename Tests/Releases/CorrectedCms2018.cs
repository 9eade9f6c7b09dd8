using System.Text;
using CodeUpdates.Tests.Support;

namespace CodeUpdates.Tests.Releases;

/// <summary>
/// A correction of the real CMS 2018 file, made from it as CMS's corrections documents describe: the long descriptor of
/// one code per two-character prefix (up to <see cref="RevisedCount"/>, so the correction touches many version partitions)
/// gains a word, one code the 2018 file added is deleted, and one code no CMS file has is added (a copy of another's lines).
/// </summary>
public sealed record CorrectedCms2018(byte[] Content, IReadOnlyList<string> Revised, string Deleted, string Added)
{
    public const int RevisedCount = 40;

    private const int LongStart = 11;
    private const int LongLength = 80;

    public static CorrectedCms2018 Make()
    {
        var latin = Encoding.Latin1;
        var lines = latin.GetString(CmsFiles.Read(CmsFiles.Txt2018)).Split("\r\n");
        var codes2017 = Codes(latin.GetString(CmsFiles.Read(CmsFiles.Txt2017)).Split("\r\n"));
        var codes2019 = Codes(latin.GetString(CmsFiles.Read(CmsFiles.Txt2019)).Split("\r\n"));
        var records = lines.Where(IsRecord).ToArray();
        var byCode = records.GroupBy(Code).ToDictionary(g => g.Key, g => g.ToArray(), StringComparer.Ordinal);

        // Procedure codes held on one line, whose long text has room for one more word.
        var revised = byCode
            .Where(c => c.Key.Length == 5 && c.Value.Length == 1 && c.Value[0][10] == '3' && c.Value[0].Substring(LongStart, LongLength).TrimEnd().Length < 60)
            .GroupBy(c => c.Key[..2], StringComparer.Ordinal)
            .Select(g => g.First().Key)
            .Take(RevisedCount)
            .ToArray();
        var deleted = byCode.Keys.First(c => c.Length == 5 && !codes2017.Contains(c) && !revised.Contains(c));
        var added = Enumerable.Range(0, 1000).Select(n => $"A9{n:D3}").First(c => !byCode.ContainsKey(c) && !codes2017.Contains(c) && !codes2019.Contains(c));
        var template = byCode[revised[0]][0];

        var corrected = new StringBuilder();
        foreach (var line in lines)
        {
            if (IsRecord(line) && Code(line) == deleted)
            {
                continue;
            }

            if (IsRecord(line) && revised.Contains(Code(line)))
            {
                var text = line.Substring(LongStart, LongLength).TrimEnd() + " corrected";
                corrected.Append(line[..LongStart]).Append(text.PadRight(LongLength)).Append(line[(LongStart + LongLength)..]).Append("\r\n");
                continue;
            }

            corrected.Append(line).Append("\r\n");
        }

        corrected.Append(added).Append(template[5..]).Append("\r\n");
        return new CorrectedCms2018(latin.GetBytes(corrected.ToString().TrimEnd('\n').TrimEnd('\r') + "\r\n"), revised, deleted, added);
    }

    private static bool IsRecord(string line) => line.Length > 11 && line[10] is '3' or '4' or '7' or '8' && char.IsAsciiLetterOrDigit(line[3]);

    private static string Code(string line) => line[..5].Trim();

    private static HashSet<string> Codes(IEnumerable<string> lines) => lines.Where(IsRecord).Select(Code).ToHashSet(StringComparer.Ordinal);
}
