namespace CodeUpdates.Ingestion.ReleaseFiles.Hcpcs;

/// <summary>
/// Reads CMS HCPCS Level II "ANWEB" files in every form CMS publishes: the workbook (.xlsx, .xls),
/// the 320-byte fixed-width text (.txt), and the same columns as .csv. A CMS zip holds one
/// release in several forms plus documents; one data file is read.
/// </summary>
public static class HcpcsAnwebReader
{
    /// <summary>The descriptors an ANWEB file carries.</summary>
    public static readonly IReadOnlyList<string> DescriptorKinds = [DescriptorKind.Long, DescriptorKind.Short];

    // Preferred first: the .txt is the form the CMS record layout documents, and the fastest to read.
    private static readonly string[] DataExtensions = [".txt", ".xlsx", ".xls", ".csv"];

    // Members of a CMS zip that are not the ANWEB data even when their names say ANWEB or HCPC.
    private static readonly string[] NotData = ["readme", "layout", "proc_note", "procnote", "correction", "trans", "changes"];

    /// <summary>Whether a file looks like ANWEB data, by name or by its first lines. Cheap; never throws.</summary>
    public static bool Recognizes(ReleaseMember member)
    {
        try
        {
            var name = member.FileName;
            if (name.Contains("ANWEB", StringComparison.OrdinalIgnoreCase) || name.Contains("HCPC", StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }

            return member.Extension switch
            {
                ".txt" => HcpcsFixedWidthReader.LooksLikeAnweb(member.Content),
                ".csv" => HcpcsTableReader.CsvLooksLikeAnweb(member.Content),
                ".xlsx" or ".xls" => HcpcsTableReader.WorkbookLooksLikeAnweb(member.Content),
                _ => false,
            };
        }
        catch (Exception)
        {
            return false;
        }
    }

    /// <summary>Reads the release: a single dropped file, or the members of a CMS zip (the ANWEB data file is picked).</summary>
    /// <exception cref="InvalidReleaseException">No ANWEB data, or data that breaks the CMS layout.</exception>
    public static ReleaseContent Read(IReadOnlyList<ReleaseMember> members)
    {
        var member = PickDataFile(members);
        var content = member.Extension switch
        {
            ".xlsx" or ".xls" => HcpcsTableReader.ReadWorkbook(member.Name, member.Content),
            ".csv" => HcpcsTableReader.ReadCsv(member.Name, member.Content),
            _ when IsSpreadsheet(member.Content) => HcpcsTableReader.ReadWorkbook(member.Name, member.Content),
            _ => HcpcsFixedWidthReader.Read(member.Name, member.Content),
        };

        if (content.Codes.Count == 0)
        {
            throw new InvalidReleaseException(member.Name, "no HCPCS codes found: no line or row has RECID 3 (procedure) or 7 (modifier)");
        }

        return content;
    }

    /// <summary>The one member to read: a lone file as it is; from a zip, the ANWEB data file in the preferred form.</summary>
    internal static ReleaseMember PickDataFile(IReadOnlyList<ReleaseMember> members)
    {
        if (members.Count == 0)
        {
            throw new InvalidReleaseException("release", "no files to read");
        }

        if (members.Count == 1)
        {
            return members[0];
        }

        ReleaseMember? best = null;
        var bestRank = int.MaxValue;
        foreach (var member in members)
        {
            var rank = Array.IndexOf(DataExtensions, member.Extension);
            if (rank < 0 || IsDocument(member.FileName))
            {
                continue;
            }

            // A name with ANWEB beats one recognised only by content; then the preferred form; then the name order.
            if (!member.FileName.Contains("ANWEB", StringComparison.OrdinalIgnoreCase))
            {
                if (!Recognizes(member))
                {
                    continue;
                }

                rank += DataExtensions.Length;
            }

            if (rank < bestRank || (rank == bestRank && string.CompareOrdinal(member.Name, best!.Name) < 0))
            {
                best = member;
                bestRank = rank;
            }
        }

        return best ?? throw new InvalidReleaseException(
            ZipName(members),
            $"the zip holds no HCPCS ANWEB data file (an .xlsx, .xls, .txt or .csv named like HCPC2025_JAN_ANWEB); it holds {Describe(members)}");
    }

    private static bool IsDocument(string fileName)
    {
        foreach (var word in NotData)
        {
            if (fileName.Contains(word, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    // .xlsx starts "PK", .xls (OLE2) starts D0 CF 11 E0.
    private static bool IsSpreadsheet(byte[] content) =>
        content.Length >= 4 && ((content[0] == 'P' && content[1] == 'K') || (content[0] == 0xD0 && content[1] == 0xCF && content[2] == 0x11 && content[3] == 0xE0));

    private static string ZipName(IReadOnlyList<ReleaseMember> members)
    {
        var folder = Path.GetDirectoryName(members[0].Name.Replace('\\', '/'));
        return string.IsNullOrEmpty(folder) ? "the zip" : $"the zip ({folder})";
    }

    private static string Describe(IReadOnlyList<ReleaseMember> members)
    {
        var names = members.Take(8).Select(m => m.FileName);
        var more = members.Count > 8 ? $" and {members.Count - 8} more" : string.Empty;
        return string.Join(", ", names) + more;
    }
}
