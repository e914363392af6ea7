namespace Fetch.Build.Core.Requests;

/// <summary>One DownloadArtifact item as MSBuild gives it: the Include and its metadata, unparsed.</summary>
internal sealed record RawArtifact(string Include, IReadOnlyDictionary<string, string> Metadata);
