using System.Text;
using System.Xml;

namespace CodeUpdates.Ingestion.Answers;

/// <summary>
/// What XML 1.0 can carry: tab, LF, CR, U+0020–U+D7FF, U+E000–U+FFFD and whole surrogate pairs. Every writer
/// of XML (FHIR XML answers, the .xlsx parts) and of HTML passes stored text through <see cref="Clean"/>, so text
/// stored before the readers dropped such characters cannot make an answer that is not well-formed.
/// </summary>
public static class XmlChars
{
    /// <summary>The text without the characters XML 1.0 cannot hold; the same instance when it has none.</summary>
    public static string Clean(string value)
    {
        var first = FirstInvalid(value);
        if (first < 0)
        {
            return value;
        }

        var clean = new StringBuilder(value.Length);
        clean.Append(value, 0, first);
        for (var i = first; i < value.Length; i++)
        {
            if (XmlConvert.IsXmlChar(value[i]))
            {
                clean.Append(value[i]);
            }
            else if (i + 1 < value.Length && XmlConvert.IsXmlSurrogatePair(value[i + 1], value[i]))
            {
                clean.Append(value, i, 2);
                i++;
            }
        }

        return clean.ToString();
    }

    private static int FirstInvalid(string value)
    {
        for (var i = 0; i < value.Length; i++)
        {
            if (XmlConvert.IsXmlChar(value[i]))
            {
                continue;
            }

            if (i + 1 < value.Length && XmlConvert.IsXmlSurrogatePair(value[i + 1], value[i]))
            {
                i++;
                continue;
            }

            return i;
        }

        return -1;
    }
}
