using System.IO.Compression;
using System.Text;

namespace Fetch.Build.Core.Tests.Extraction;

/// <summary>
/// Writes tar headers byte by byte, so a test can build any entry a hostile archive could hold
/// (devices, links anywhere, duplicate names) or an old writer made (sizes without data, spaces in
/// numbers, V7 and GNU magic), without a writer that refuses them.
/// </summary>
internal sealed class TarBuilder
{
    public const string UstarMagic = "ustar\u000000";
    public const string GnuMagic = "ustar  \u0000";
    public const string V7Magic = "";

    private const int Block = 512;
    private readonly MemoryStream _bytes = new();

    public TarBuilder File(string name, string content, int mode = 0x1A4) => File(name, Encoding.UTF8.GetBytes(content), mode);

    public TarBuilder File(string name, byte[] content, int mode = 0x1A4)
    {
        Header(name, '0', mode, content.Length);
        _bytes.Write(content);
        Pad();
        return this;
    }

    /// <summary>A file of <paramref name="length"/> zero bytes: compresses to almost nothing.</summary>
    public TarBuilder Zeros(string name, long length)
    {
        Header(name, '0', 0x1A4, length);
        _bytes.Write(new byte[length]);
        Pad();
        return this;
    }

    public TarBuilder Directory(string name) => Entry(name, '5', 0x1ED);

    public TarBuilder Symlink(string name, string target) => Entry(name, '2', 0x1FF, target);

    public TarBuilder HardLink(string name, string target) => Entry(name, '1', 0x1A4, target);

    /// <summary>'3' character device, '4' block device, '6' FIFO.</summary>
    public TarBuilder Special(string name, char type) => Entry(name, type, 0x1A4);

    /// <summary>
    /// Any entry: <paramref name="data"/> follows the header (padded) while <paramref name="size"/>
    /// is what the header declares (by default the data's length); <paramref name="edit"/> changes
    /// the block last, before its checksum.
    /// </summary>
    public TarBuilder Entry(string name, char type, byte[]? data = null, long? size = null, string linkName = "", string magic = UstarMagic, Action<byte[]>? edit = null)
    {
        data ??= [];
        Header(name, type, 0x1A4, size ?? data.Length, linkName, magic, edit);
        _bytes.Write(data);
        Pad();
        return this;
    }

    /// <summary>A pax header ('x' for the next entry, 'g' for the archive) holding <paramref name="records"/> as given.</summary>
    public TarBuilder Pax(char type, params (string Key, byte[] Value)[] records)
    {
        var data = new MemoryStream();
        foreach (var (key, value) in records)
        {
            byte[] body = [.. Encoding.UTF8.GetBytes($" {key}="), .. value, (byte)'\n'];
            // The length counts its own digits.
            var length = body.Length + 1;
            while (length.ToString(System.Globalization.CultureInfo.InvariantCulture).Length + body.Length != length)
            {
                length++;
            }

            data.Write(Encoding.ASCII.GetBytes(length.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            data.Write(body);
        }

        return Entry(type == 'g' ? "pax_global_header" : "PaxHeaders/next", type, data.ToArray());
    }

    public TarBuilder Pax(char type, string key, string value) => Pax(type, (key, Encoding.UTF8.GetBytes(value)));

    /// <summary>A GNU 'L' header: the next entry's name, NUL-terminated, as GNU tar writes names past 100 bytes.</summary>
    public TarBuilder GnuLongName(string name) => Entry("././@LongLink", 'L', Encoding.UTF8.GetBytes(name + "\0"), magic: GnuMagic);

    public byte[] Build()
    {
        var copy = new MemoryStream();
        _bytes.WriteTo(copy);
        copy.Write(new byte[Block * 2]);
        return copy.ToArray();
    }

    public byte[] BuildGzip()
    {
        var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(Build());
        }

        return output.ToArray();
    }

    private TarBuilder Entry(string name, char type, int mode, string linkName = "")
    {
        Header(name, type, mode, 0, linkName);
        return this;
    }

    private void Header(string name, char type, int mode, long size, string linkName = "", string magic = UstarMagic, Action<byte[]>? edit = null)
    {
        var header = new byte[Block];
        Text(header, 0, 100, name);
        Octal(header, 100, 8, mode);
        Octal(header, 108, 8, 0);
        Octal(header, 116, 8, 0);
        Octal(header, 124, 12, size);
        Octal(header, 136, 12, new DateTimeOffset(2024, 1, 2, 3, 4, 5, TimeSpan.Zero).ToUnixTimeSeconds());
        header[156] = (byte)type;
        Text(header, 157, 100, linkName);
        Text(header, 257, 8, magic);
        edit?.Invoke(header);
        "        "u8.CopyTo(header.AsSpan(148));
        var sum = header.Sum(b => (long)b);
        Text(header, 148, 8, Convert.ToString(sum, 8).PadLeft(6, '0') + "\0 ");
        _bytes.Write(header);
    }

    private void Pad()
    {
        var remainder = (int)(_bytes.Length % Block);
        if (remainder != 0)
        {
            _bytes.Write(new byte[Block - remainder]);
        }
    }

    private static void Text(byte[] header, int offset, int length, string value)
    {
        var bytes = Encoding.UTF8.GetBytes(value);
        if (bytes.Length > length)
        {
            throw new ArgumentException($"'{value}' does not fit in {length} bytes", nameof(value));
        }

        bytes.CopyTo(header, offset);
    }

    private static void Octal(byte[] header, int offset, int length, long value) =>
        Text(header, offset, length, Convert.ToString(value, 8).PadLeft(length - 1, '0'));
}
