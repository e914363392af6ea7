namespace Fetch.Build.Core.Requests;

/// <summary>How content reaches a destination from the cache (FetchLinkMode).</summary>
internal enum LinkMode
{
    Copy,
    HardLink,
}
