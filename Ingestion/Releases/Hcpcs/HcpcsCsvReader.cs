using System.Text;

namespace CodeUpdates.Ingestion.Releases.Hcpcs;

/// <summary>
/// Reads the ANWEB columns saved as CSV (RFC 4180: commas, double-quoted fields with "" for a quote,
/// line breaks inside quotes). The header row is found as in the workbook: HCPC in column A.
/// </summary>
internal static class HcpcsCsvReader
{
    public static List<CodeRecord> Read(string source, byte[] content)
    {
        var builder = new HcpcsRecordBuilder(source);
        var table = new HcpcsTableReader(builder);
        foreach (var (cells, line) in Rows(Decode(content)))
        {
            table.Row(cells, line);
        }

        if (!table.HasHeader)
        {
            throw new InvalidReleaseException(source, "no header row with HCPC in column A; expected the CMS ANWEB columns HCPC, SEQNUM, RECID, LONG DESCRIPTION, ...");
        }

        return builder.Finish();
    }

    /// <summary>Whether the opening rows have an ANWEB header (HCPC in column A, RECID beside it). Never throws.</summary>
    public static bool LooksLikeAnweb(byte[] content)
    {
        try
        {
            var head = Decode(content.AsSpan(0, Math.Min(content.Length, 16 * 1024)).ToArray());
            var rows = 0;
            foreach (var (cells, _) in Rows(head))
            {
                if (HcpcsTableReader.IsHeader(cells) && HcpcsSpreadsheetReader.HasRecId(cells))
                {
                    return true;
                }

                if (++rows >= 40)
                {
                    break;
                }
            }
        }
        catch (Exception)
        {
            // A file we cannot even split into rows is not an ANWEB CSV.
        }

        return false;
    }

    /// <summary>UTF-8 (with or without a byte order mark) when the bytes are valid UTF-8, else cp1252 as CMS and Excel write it.</summary>
    private static string Decode(byte[] content)
    {
        if (content.AsSpan().StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            return Encoding.UTF8.GetString(content, 3, content.Length - 3);
        }

        try
        {
            return HcpcsEncodings.StrictUtf8.GetString(content);
        }
        catch (DecoderFallbackException)
        {
            return HcpcsEncodings.Cp1252.GetString(content);
        }
    }

    /// <summary>The records of a CSV text, each with the 1-based line it starts on.</summary>
    private static IEnumerable<(object?[] Cells, int Line)> Rows(string text)
    {
        var cells = new List<object?>(48);
        var field = new StringBuilder(128);
        var line = 1;
        var rowLine = 1;
        var i = 0;
        while (i < text.Length)
        {
            cells.Clear();
            rowLine = line;
            var endOfRow = false;
            while (!endOfRow)
            {
                field.Clear();
                if (i < text.Length && text[i] == '"')
                {
                    i++;
                    while (i < text.Length)
                    {
                        var ch = text[i++];
                        if (ch == '"')
                        {
                            if (i < text.Length && text[i] == '"')
                            {
                                field.Append('"');
                                i++;
                                continue;
                            }

                            break;
                        }

                        if (ch == '\n')
                        {
                            line++;
                        }

                        field.Append(ch);
                    }
                }

                // Unquoted text, or anything between a closing quote and the next separator.
                var start = i;
                while (i < text.Length && text[i] is not (',' or '\r' or '\n'))
                {
                    i++;
                }

                field.Append(text, start, i - start);
                cells.Add(field.ToString());
                if (i >= text.Length)
                {
                    endOfRow = true;
                }
                else if (text[i] == ',')
                {
                    i++;
                }
                else
                {
                    i += text[i] == '\r' && i + 1 < text.Length && text[i + 1] == '\n' ? 2 : 1;
                    line++;
                    endOfRow = true;
                }
            }

            yield return (cells.ToArray(), rowLine);
        }
    }
}
