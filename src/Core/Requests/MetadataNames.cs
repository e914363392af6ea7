namespace Fetch.Build.Core.Requests;

/// <summary>
/// The DownloadArtifact metadata of SPEC §2, in one place: the parser reads these names, and a
/// name close to one of them is reported as a likely misspelling (FB1019).
/// </summary>
internal static class MetadataNames
{
    public const string Sha256 = "Sha256";
    public const string Sha512 = "Sha512";
    public const string Md5 = "Md5";
    public const string Integrity = "Integrity";
    public const string Mirrors = "Mirrors";
    public const string DestinationFolder = "DestinationFolder";

    /// <summary>
    /// The downloaded file's name. MSBuild reserves <c>Filename</c> (well-known item metadata), so
    /// an item cannot carry a custom <c>FileName</c>; this is the name that works.
    /// </summary>
    public const string DestinationFileName = "DestinationFileName";

    public const string Extract = "Extract";
    public const string StripComponents = "StripComponents";
    public const string CopyToOutputDirectory = "CopyToOutputDirectory";
    public const string Link = "Link";
    public const string Headers = "Headers";
    public const string BearerTokenVariable = "BearerTokenVariable";

    /// <summary>A <c>SHA256SUMS</c>-style file, or a file holding one digest, that gives the expected digest.</summary>
    public const string ChecksumUrl = "ChecksumUrl";

    /// <summary>Every name above.</summary>
    internal static readonly string[] All =
    [
        Sha256, Sha512, Md5, Integrity, Mirrors, DestinationFolder, DestinationFileName,
        Extract, StripComponents, CopyToOutputDirectory, Link, Headers, BearerTokenVariable,
        ChecksumUrl,
    ];
}
