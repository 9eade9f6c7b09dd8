using System.Text.Json;
using CodeUpdates.Ingestion.Answers;
using CodeUpdates.Ingestion.Spans;

namespace CodeUpdates.Tests.Spans;

/// <summary>Writes a streamed answer to memory, as the response would carry it.</summary>
public static class SpanAnswers
{
    public static async Task<byte[]> BytesAsync(Answer<StreamedFile> answer)
    {
        Assert.True(answer.Found, answer.Refusal?.Detail);
        using var stream = new MemoryStream();
        await answer.Value.WriteAsync(stream, CancellationToken.None);
        return stream.ToArray();
    }

    public static async Task<JsonElement> JsonAsync(Answer<StreamedFile> answer) =>
        JsonDocument.Parse(await BytesAsync(answer)).RootElement.Clone();

    /// <summary>The rows of a workbook's first sheet (header included), every cell as text.</summary>
    public static List<string?[]> FirstSheet(byte[] workbook)
    {
        using var stream = new MemoryStream(workbook);
        using var reader = ExcelDataReader.ExcelReaderFactory.CreateReader(stream);
        var rows = new List<string?[]>();
        while (reader.Read())
        {
            var cells = new string?[reader.FieldCount];
            for (var i = 0; i < cells.Length; i++)
            {
                cells[i] = reader.GetValue(i)?.ToString();
            }

            rows.Add(cells);
        }

        return rows;
    }

    /// <summary>RFC 4180 rows, read here rather than by the product's reader; the byte order mark dropped.</summary>
    public static List<string?[]> Csv(byte[] bytes)
    {
        var text = System.Text.Encoding.UTF8.GetString(bytes).TrimStart('\uFEFF');
        var rows = new List<string?[]>();
        var row = new List<string?>();
        var cell = new System.Text.StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    cell.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    cell.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                row.Add(cell.Length == 0 ? null : cell.ToString());
                cell.Clear();
            }
            else if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
            {
                row.Add(cell.Length == 0 ? null : cell.ToString());
                cell.Clear();
                rows.Add([.. row]);
                row.Clear();
                i++;
            }
            else
            {
                cell.Append(c);
            }
        }

        return rows;
    }
}
