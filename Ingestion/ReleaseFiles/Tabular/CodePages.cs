using System.Text;

namespace CodeUpdates.Ingestion.ReleaseFiles.Tabular;

/// <summary>Windows code pages (1252 for old text files, and what ExcelDataReader needs for .xls).</summary>
public static class CodePages
{
    static CodePages()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        Cp1252 = Encoding.GetEncoding(1252);
    }

    /// <summary>Windows-1252: the HCPCS ANWEB .txt (its disclaimers carry 0xA0 no-break spaces) and old .xls/.csv/.txt files.</summary>
    public static Encoding Cp1252 { get; }

    /// <summary>Registers the code-pages provider (once) so <see cref="Encoding.GetEncoding(int)"/> knows them.</summary>
    internal static void EnsureRegistered() => _ = Cp1252;
}
