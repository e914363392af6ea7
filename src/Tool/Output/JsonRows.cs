using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using Fetch.Build.Core.Maintenance;

namespace Fetch.Build.Tool.Output;

/// <summary>The <c>--json</c> shapes of SPEC §8, written to stdout.</summary>
internal static class JsonRows
{
    private static readonly JsonWriterOptions Options = new() { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary><c>cache list --json</c>: an array of <c>url</c>, <c>sha256</c>, <c>size</c>, <c>lastUsed</c>, <c>status</c>.</summary>
    public static void WriteInventory(IReadOnlyList<InventoryItem> items) => Write(writer =>
    {
        writer.WriteStartArray();
        foreach (var item in items)
        {
            WriteContent(writer, item.Url, item.Sha256, item.Size, item.LastUsed);
            writer.WriteString("status", item.Status);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    });

    /// <summary>
    /// <c>cache verify --json</c>: the entries found corrupt and removed, each as <c>cache list</c> shows
    /// content, with <c>actualSha256</c> (what the file hashed to; null when it was missing).
    /// </summary>
    public static void WriteCorrupt(IReadOnlyList<CorruptContent> corrupt) => Write(writer =>
    {
        writer.WriteStartArray();
        foreach (var item in corrupt)
        {
            WriteContent(writer, item.Url, item.Sha256, item.Size, item.LastUsed);
            writer.WriteString("actualSha256", item.ActualSha256);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    });

    /// <summary>ISO 8601, UTC, to the second.</summary>
    public static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>Opens an object with the fields every row of content has, in SPEC §8's order.</summary>
    private static void WriteContent(Utf8JsonWriter writer, string? url, string? sha256, long size, DateTimeOffset lastUsed)
    {
        writer.WriteStartObject();
        writer.WriteString("url", url);
        writer.WriteString("sha256", sha256);
        writer.WriteNumber("size", size);
        writer.WriteString("lastUsed", Time(lastUsed));
    }

    private static void Write(Action<Utf8JsonWriter> body)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, Options))
        {
            body(writer);
        }

        ToolConsole.WriteData(System.Text.Encoding.UTF8.GetString(stream.ToArray()));
    }
}
