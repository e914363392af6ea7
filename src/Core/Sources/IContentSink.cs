namespace Fetch.Build.Core.Sources;

/// <summary>
/// Where content is offered once it is verified and committed to the local cache: the remote
/// store's upload. Only content verified against a digest known before its download is offered.
/// Offering never fails the artifact: a sink says what went wrong on the offer's log.
/// </summary>
internal interface IContentSink
{
    Task OfferAsync(ContentOffer offer, CancellationToken cancellationToken);
}
