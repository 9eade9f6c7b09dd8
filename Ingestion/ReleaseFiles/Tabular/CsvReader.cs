using System.Text;

namespace CodeUpdates.Ingestion.ReleaseFiles.Tabular;

/// <summary>
/// RFC 4180 reader shared by every release reader: comma-separated fields, double quotes around
/// fields that hold commas, quotes or line breaks, <c>""</c> for a quote inside one, CRLF, LF or
/// CR line ends. Lenient where Excel is: a quote inside an unquoted field is kept as text.
/// An empty line is a record with one empty field.
/// </summary>
public static class CsvReader
{
    public static IEnumerable<string[]> ReadRows(string text) => ReadNumberedRows(text).Select(r => r.Fields);

    /// <summary>
    /// A release's CSV file, row by row as it is read (never held whole): decoded by <see cref="TextDecoder"/>,
    /// every row with its line; past <see cref="TextLimits.MaxLines"/> lines reading stops and the file is rejected.
    /// </summary>
    /// <exception cref="InvalidReleaseException">A quoted field never closes, or the file has too many lines (the message names the line).</exception>
    public static IEnumerable<CsvRow> ReadFile(string source, byte[] content)
    {
        using var reader = TextDecoder.Open(content);
        using var rows = ReadNumberedRows(reader, line => TextDecoder.CountLine(source, line)).GetEnumerator();
        while (true)
        {
            try
            {
                if (!rows.MoveNext())
                {
                    yield break;
                }
            }
            catch (CsvFormatException ex)
            {
                throw new InvalidReleaseException(source, ex.Message, ex.Line);
            }

            yield return rows.Current;
        }
    }

    /// <exception cref="CsvFormatException">A quoted field is still open at the end of the text.</exception>
    public static IEnumerable<CsvRow> ReadNumberedRows(string text) => ReadNumberedRows(new StringReader(text), null);

    /// <summary>Rows as <paramref name="reader"/> gives the text; <paramref name="onLine"/> sees each new line number as reading reaches it.</summary>
    /// <exception cref="CsvFormatException">A quoted field is still open at the end of the text.</exception>
    public static IEnumerable<CsvRow> ReadNumberedRows(TextReader reader, Action<int>? onLine)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        var line = 1;
        var rowLine = 1;
        var quoteLine = 0;
        var inQuotes = false;
        var atFieldStart = true;
        var any = false;
        var lineSeen = false;
        int next;
        while ((next = reader.Read()) >= 0)
        {
            // A line counts once a character of it is read, so a final line break adds no line.
            if (!lineSeen)
            {
                onLine?.Invoke(line);
                lineSeen = true;
            }

            any = true;
            var ch = (char)next;
            if (inQuotes)
            {
                if (ch == '"')
                {
                    if (reader.Peek() == '"')
                    {
                        reader.Read();
                        field.Append('"');
                        continue;
                    }

                    inQuotes = false;
                }
                else
                {
                    if (ch == '\n' || (ch == '\r' && reader.Peek() != '\n'))
                    {
                        line++;
                        lineSeen = false;
                    }

                    field.Append(ch);
                }

                continue;
            }

            switch (ch)
            {
                case '"' when atFieldStart:
                    inQuotes = true;
                    quoteLine = line;
                    atFieldStart = false;
                    break;
                case ',':
                    fields.Add(field.ToString());
                    field.Clear();
                    atFieldStart = true;
                    break;
                case '\r' or '\n':
                    if (ch == '\r' && reader.Peek() == '\n')
                    {
                        reader.Read();
                    }

                    fields.Add(field.ToString());
                    field.Clear();
                    yield return new CsvRow(rowLine, [.. fields]);
                    fields.Clear();
                    atFieldStart = true;
                    any = false;
                    line++;
                    lineSeen = false;
                    rowLine = line;
                    break;
                default:
                    field.Append(ch);
                    atFieldStart = false;
                    break;
            }
        }

        if (inQuotes)
        {
            throw new CsvFormatException(quoteLine, $"the quoted field that opens on line {quoteLine} is never closed");
        }

        if (any)
        {
            fields.Add(field.ToString());
            yield return new CsvRow(rowLine, [.. fields]);
        }
    }
}
