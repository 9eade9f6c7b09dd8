using CodeUpdates.Ingestion.Reports;

namespace CodeUpdates.Tests.Support;

/// <summary>Small invented workbooks for reader tests, written by the production <see cref="XlsxWriter"/>.</summary>
public static class TestWorkbook
{
    /// <summary>A workbook with one sheet per entry; each row a list of cells (string, number or null), the first row at row 1.</summary>
    /// <remarks>Synchronous for the reader tests' fixtures: written to memory, the writer never waits on I/O.</remarks>
    public static byte[] Create(params (string Name, IReadOnlyList<IReadOnlyList<object?>> Rows)[] sheets)
    {
        using var workbook = new MemoryStream();
        XlsxWriter.WriteAsync(workbook, [.. sheets.Select(s => new XlsxSheet(s.Name, s.Rows.Count > 0 ? s.Rows[0] : [], s.Rows.Skip(1)))], CancellationToken.None)
            .GetAwaiter().GetResult();
        return workbook.ToArray();
    }
}
