using System.Text;

namespace CodeUpdates.Ingestion.Releases.Hcpcs;

/// <summary>Code pages CMS files use; .NET Core only knows them once the code-pages provider is registered.</summary>
internal static class HcpcsEncodings
{
    static HcpcsEncodings()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        Cp1252 = Encoding.GetEncoding(1252);
    }

    /// <summary>Windows-1252: the ANWEB .txt (its disclaimers carry 0xA0 no-break spaces) and old .xls/.csv files.</summary>
    public static Encoding Cp1252 { get; }

    /// <summary>Strict UTF-8, to tell UTF-8 text from cp1252 text.</summary>
    public static Encoding StrictUtf8 { get; } = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
}
