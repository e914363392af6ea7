namespace Fetch.Build.Core.Sources;

/// <summary>Bytes a source left in the partial file: how many crossed the network, the validators and the media type the server gave.</summary>
internal sealed record SourcedContent(long TransferredBytes, string? ETag, string? LastModified, string? MediaType = null);
