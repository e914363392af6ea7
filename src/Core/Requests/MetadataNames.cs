namespace Fetch.Build.Core.Requests;

/// <summary>DownloadArtifact metadata whose name differs from a plain reading of SPEC §2.</summary>
internal static class MetadataNames
{
    /// <summary>
    /// The downloaded file's name. MSBuild reserves <c>Filename</c> (well-known item metadata), so
    /// an item cannot carry a custom <c>FileName</c>; this is the name that works.
    /// </summary>
    public const string DestinationFileName = "DestinationFileName";
}
