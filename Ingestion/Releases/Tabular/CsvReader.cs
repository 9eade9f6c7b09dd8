using System.Text;

namespace CodeUpdates.Ingestion.Releases.Tabular;

/// <summary>A CSV record and the 1-based line of the text it starts on (quoted fields may span lines).</summary>
public sealed record CsvRow(int Line, string[] Fields);

/// <summary>A quoted field that never closes: the rest of the file would silently become one cell.</summary>
public sealed class CsvFormatException(int line, string message) : FormatException(message)
{
    public int Line { get; } = line;
}

/// <summary>
/// RFC 4180 reader shared by every release reader: comma-separated fields, double quotes around
/// fields that hold commas, quotes or line breaks, <c>""</c> for a quote inside one, CRLF, LF or
/// CR line ends. Lenient where Excel is: a quote inside an unquoted field is kept as text.
/// An empty line is a record with one empty field.
/// </summary>
public static class CsvReader
{
    public static IEnumerable<string[]> ReadRows(string text) => ReadNumberedRows(text).Select(r => r.Fields);

    /// <summary>A release's CSV file: decoded by <see cref="TextDecoder"/>, every row with its line.</summary>
    /// <exception cref="InvalidReleaseException">A quoted field never closes (the message names its line).</exception>
    public static CsvRow[] ReadFile(string source, byte[] content)
    {
        try
        {
            return [.. ReadNumberedRows(TextDecoder.Decode(content))];
        }
        catch (CsvFormatException ex)
        {
            throw new InvalidReleaseException(source, ex.Message, ex.Line);
        }
    }

    /// <exception cref="CsvFormatException">A quoted field is still open at the end of the text.</exception>
    public static IEnumerable<CsvRow> ReadNumberedRows(string text)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        var line = 1;
        var rowLine = 1;
        var quoteLine = 0;
        var inQuotes = false;
        var atFieldStart = true;
        var i = 0;
        while (i < text.Length)
        {
            var ch = text[i];
            if (inQuotes)
            {
                if (ch == '"')
                {
                    if (i + 1 < text.Length && text[i + 1] == '"')
                    {
                        field.Append('"');
                        i += 2;
                        continue;
                    }

                    inQuotes = false;
                }
                else
                {
                    if (ch == '\n' || (ch == '\r' && !(i + 1 < text.Length && text[i + 1] == '\n')))
                    {
                        line++;
                    }

                    field.Append(ch);
                }

                i++;
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
                    if (ch == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
                    {
                        i++;
                    }

                    fields.Add(field.ToString());
                    field.Clear();
                    yield return new CsvRow(rowLine, [.. fields]);
                    fields.Clear();
                    atFieldStart = true;
                    line++;
                    rowLine = line;
                    break;
                default:
                    field.Append(ch);
                    atFieldStart = false;
                    break;
            }

            i++;
        }

        if (inQuotes)
        {
            throw new CsvFormatException(quoteLine, $"the quoted field that opens on line {quoteLine} is never closed");
        }

        if (field.Length > 0 || fields.Count > 0 || !atFieldStart)
        {
            fields.Add(field.ToString());
            yield return new CsvRow(rowLine, [.. fields]);
        }
    }
}
