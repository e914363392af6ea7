using System.IO.Compression;
using System.Text;

namespace Fetch.Build.Core.Tests.Extraction;

/// <summary>
/// Zip archives through .NET's own writer, which takes any entry name ("../x", "C:\x") and any
/// external attributes (st_mode in the high 16 bits: links, devices, setuid).
/// </summary>
internal sealed class ZipBuilder
{
    public const int RegularFile = 0x8000;
    public const int SymbolicLink = 0xA000;
    public const int Fifo = 0x1000;

    private readonly MemoryStream _bytes = new();
    private readonly ZipArchive _zip;

    public ZipBuilder()
    {
        _zip = new ZipArchive(_bytes, ZipArchiveMode.Create, leaveOpen: true);
    }

    public ZipBuilder File(string name, string content, int? unixMode = null) => File(name, Encoding.UTF8.GetBytes(content), unixMode);

    public ZipBuilder File(string name, byte[] content, int? unixMode = null)
    {
        var entry = _zip.CreateEntry(name, CompressionLevel.Optimal);
        if (unixMode is { } mode)
        {
            entry.ExternalAttributes = mode << 16;
        }

        using var stream = entry.Open();
        stream.Write(content);
        return this;
    }

    public ZipBuilder Directory(string name)
    {
        _zip.CreateEntry(name.EndsWith('/') ? name : name + "/");
        return this;
    }

    public ZipBuilder Symlink(string name, string target) => File(name, target, SymbolicLink | 0x1FF);

    public byte[] Build()
    {
        _zip.Dispose();
        return _bytes.ToArray();
    }
}
