using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Engine.Sandbox.Server.Json;

/// <summary>
/// Re-serialises a parsed JSON body compactly, keeping key order and number text, the way the v3 clients build the
/// string they sign (JSON.stringify; Python json.dumps with ',' and ':' separators). v3 verified the HMAC against
/// this form, not the raw bytes: the Python client signs compact JSON but sends it with ", " and ": ".
/// </summary>
internal static class CompactJson
{
    /// <summary>
    /// The body strings a client may have signed, most likely first: "" for no body or {}, else the compact form
    /// (non-ASCII as is, as JSON.stringify writes it), the compact form with non-ASCII escaped (Python's default
    /// ensure_ascii) when it differs, and finally the raw text as received.
    /// </summary>
    public static IReadOnlyList<string> SignedBodyCandidates(string raw, JsonElement? parsed)
    {
        if (string.IsNullOrWhiteSpace(raw)) return [""];
        if (parsed is not { } root) return [raw];
        if (root.ValueKind == JsonValueKind.Object && !root.EnumerateObject().Any()) return ["", raw];
        var candidates = new List<string>(3);
        string compact = Write(root, asciiOnly: false);
        candidates.Add(compact);
        string ascii = Write(root, asciiOnly: true);
        if (ascii != compact) candidates.Add(ascii);
        if (!candidates.Contains(raw)) candidates.Add(raw);
        return candidates;
    }

    public static string Write(JsonElement element, bool asciiOnly)
    {
        var text = new StringBuilder(256);
        Append(text, element, asciiOnly);
        return text.ToString();
    }

    private static void Append(StringBuilder text, JsonElement e, bool asciiOnly)
    {
        switch (e.ValueKind)
        {
            case JsonValueKind.Object:
                text.Append('{');
                bool first = true;
                foreach (var p in e.EnumerateObject())
                {
                    if (!first) text.Append(',');
                    first = false;
                    AppendString(text, p.Name, asciiOnly);
                    text.Append(':');
                    Append(text, p.Value, asciiOnly);
                }
                text.Append('}');
                break;
            case JsonValueKind.Array:
                text.Append('[');
                bool firstItem = true;
                foreach (var item in e.EnumerateArray())
                {
                    if (!firstItem) text.Append(',');
                    firstItem = false;
                    Append(text, item, asciiOnly);
                }
                text.Append(']');
                break;
            case JsonValueKind.String:
                AppendString(text, e.GetString() ?? "", asciiOnly);
                break;
            default:
                text.Append(e.GetRawText()); // numbers as written, true, false, null
                break;
        }
    }

    private static void AppendString(StringBuilder text, string value, bool asciiOnly)
    {
        text.Append('"');
        foreach (char c in value)
        {
            switch (c)
            {
                case '"': text.Append("\\\""); break;
                case '\\': text.Append("\\\\"); break;
                case '\b': text.Append("\\b"); break;
                case '\f': text.Append("\\f"); break;
                case '\n': text.Append("\\n"); break;
                case '\r': text.Append("\\r"); break;
                case '\t': text.Append("\\t"); break;
                default:
                    if (c < 0x20 || (asciiOnly && c > 0x7E))
                        text.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    else text.Append(c);
                    break;
            }
        }
        text.Append('"');
    }
}
