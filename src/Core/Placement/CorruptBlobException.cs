namespace Fetch.Build.Core.Placement;

/// <summary>Stored content did not match its digest while it was being placed (FB1009 follows).</summary>
internal sealed class CorruptBlobException : Exception
{
    public CorruptBlobException(string sha256, string path)
        : base($"stored content {sha256} at '{path}' does not match its digest")
    {
        Sha256 = sha256;
        BlobPath = path;
    }

    public string Sha256 { get; }

    public string BlobPath { get; }
}
