namespace Fetch.Build.Core.Extraction;

/// <summary>Which library reads a zip's entries.</summary>
internal enum ZipReader
{
    /// <summary>System.IO.Compression: the runtime's zlib for Deflate.</summary>
    Native,

    /// <summary>SharpCompress: every method, in managed code.</summary>
    Managed,
}
