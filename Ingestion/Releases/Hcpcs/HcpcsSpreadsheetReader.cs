using ExcelDataReader;

namespace CodeUpdates.Ingestion.Releases.Hcpcs;

/// <summary>
/// Reads the ANWEB workbook (.xlsx, or .xls in older years): the first sheet with HCPC in column A
/// of some row (CMS puts disclaimer rows above it in some years, and names the sheet freely).
/// </summary>
internal static class HcpcsSpreadsheetReader
{
    public static List<CodeRecord> Read(string source, byte[] content)
    {
        var builder = new HcpcsRecordBuilder(source);
        var sheets = new List<string>();
        var found = Open(source, content, reader =>
        {
            do
            {
                var sheet = reader.Name ?? $"sheet {sheets.Count + 1}";
                sheets.Add(sheet);
                builder.Source = $"{source}, sheet '{sheet}'";
                var table = new HcpcsTableReader(builder);
                ReadRows(reader, int.MaxValue, table.Row, () => false);
                if (table.HasHeader)
                {
                    return true;
                }
            }
            while (reader.NextResult());

            return false;
        });

        if (!found)
        {
            var names = sheets.Count == 0 ? "the workbook has no sheets" : "sheets: " + string.Join(", ", sheets.Select(s => $"'{s}'"));
            throw new InvalidReleaseException(source, $"no header row with HCPC in column A in any sheet ({names}); expected the CMS ANWEB columns HCPC, SEQNUM, RECID, LONG DESCRIPTION, ...");
        }

        return builder.Finish();
    }

    /// <summary>Whether a workbook has an ANWEB header row (HCPC in column A, RECID beside it) near the top of a sheet. Never throws.</summary>
    public static bool LooksLikeAnweb(byte[] content)
    {
        try
        {
            return Open("workbook", content, reader =>
            {
                do
                {
                    var header = false;
                    ReadRows(reader, 40, (cells, _) => header |= HcpcsTableReader.IsHeader(cells) && HasRecId(cells), () => header);
                    if (header)
                    {
                        return true;
                    }
                }
                while (reader.NextResult());

                return false;
            });
        }
        catch (Exception)
        {
            return false;
        }
    }

    internal static bool HasRecId(ReadOnlySpan<object?> cells)
    {
        foreach (var cell in cells)
        {
            if (cell is string s && HcpcsFields.FromHeader(s) == HcpcsFields.RecId)
            {
                return true;
            }
        }

        return false;
    }

    private delegate void RowHandler(ReadOnlySpan<object?> cells, int rowNumber);

    private static void ReadRows(IExcelDataReader reader, int maxRows, RowHandler handle, Func<bool> stop)
    {
        var cells = new object?[Math.Max(reader.FieldCount, 1)];
        var rowNumber = 0;
        while (rowNumber < maxRows && !stop() && reader.Read())
        {
            rowNumber++;
            var count = Math.Min(reader.FieldCount, cells.Length);
            for (var i = 0; i < count; i++)
            {
                cells[i] = reader.GetValue(i);
            }

            handle(cells.AsSpan(0, count), rowNumber);
        }
    }

    /// <summary>Opens the workbook; anything ExcelDataReader throws becomes a message a person can act on.</summary>
    private static bool Open(string source, byte[] content, Func<IExcelDataReader, bool> use)
    {
        try
        {
            // Registers the code pages first: ExcelReaderConfiguration's constructor already asks for cp1252.
            var fallback = HcpcsEncodings.Cp1252;
            using var stream = new MemoryStream(content, writable: false);
            using var reader = ExcelReaderFactory.CreateReader(stream, new ExcelReaderConfiguration { FallbackEncoding = fallback });
            return use(reader);
        }
        catch (InvalidReleaseException)
        {
            throw;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException && ex.TargetSite?.Module.Assembly != typeof(HcpcsSpreadsheetReader).Assembly)
        {
            // Only what the library (or the runtime under it) throws about the bytes; a fault in this code stays a fault.
            throw new InvalidReleaseException(
                source,
                "not a spreadsheet: the file cannot be opened as an Excel workbook (.xlsx or .xls); check that it is the ANWEB workbook from CMS, or upload the .txt from the same CMS zip");
        }
    }
}
