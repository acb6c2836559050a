using k8s;
using k8s.Autorest;
using k8s.Models;
using PodLife.Testing;

namespace PodLife.ApiServer.Tests.Reviews;

/// <summary>SelfSubjectAccessReview, SelfSubjectRulesReview and SelfSubjectReview through the official client, as the admin and as a node.</summary>
public sealed class SelfReviewTests : IAsyncLifetime
{
    ApiServerFixture _api = null!;

    public async ValueTask InitializeAsync() => _api = await ApiServerFixture.StartAsync();

    public async ValueTask DisposeAsync() => await _api.DisposeAsync();

    Kubernetes AsNode(string name)
    {
        var config = KubernetesClientConfiguration.BuildConfigFromConfigObject(_api.Host.AdminKubeconfig());
        config.AccessToken = _api.Host.Tokens.NodeToken(name);
        return new Kubernetes(config);
    }

    static V1SelfSubjectAccessReview Asking(string verb, string resource, string ns = "", string name = "", string subresource = "", string group = "") => new()
    {
        Spec = new V1SelfSubjectAccessReviewSpec
        {
            ResourceAttributes = new V1ResourceAttributes { Verb = verb, Resource = resource, NamespaceProperty = ns, Name = name, Subresource = subresource, Group = group },
        },
    };

    [Fact]
    public async Task TheAdminIsAllowedAndTheReviewComesBackWithItsSpec()
    {
        var review = await _api.Client.AuthorizationV1.CreateSelfSubjectAccessReviewAsync(Asking("create", "pods", "default"),
            cancellationToken: TestContext.Current.CancellationToken);

        Assert.True(review.Status.Allowed);
        Assert.Equal("SelfSubjectAccessReview", review.Kind);
        Assert.Equal("create", review.Spec.ResourceAttributes.Verb);
        Assert.Equal("pods", review.Spec.ResourceAttributes.Resource);
    }

    [Theory]
    [InlineData("get", "pods", "", "", true)]                  // a node may read everything
    [InlineData("update", "nodes", "n1", "status", true)]      // its own Node
    [InlineData("update", "nodes", "n2", "status", false)]     // not another's
    [InlineData("delete", "namespaces", "default", "", false)]
    public async Task ANodeIsAllowedWhatTheNodeAuthorizerAllows(string verb, string resource, string name, string subresource, bool allowed)
    {
        using var node = AsNode("n1");

        var review = await node.AuthorizationV1.CreateSelfSubjectAccessReviewAsync(Asking(verb, resource, name: name, subresource: subresource),
            cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(allowed, review.Status.Allowed);
        if (!allowed) Assert.False(string.IsNullOrEmpty(review.Status.Reason));
    }

    [Fact]
    public async Task ANodesLeaseIsItsOwnOnly()
    {
        using var node = AsNode("n1");
        var ct = TestContext.Current.CancellationToken;

        var own = await node.AuthorizationV1.CreateSelfSubjectAccessReviewAsync(Asking("update", "leases", "kube-node-lease", "n1", group: "coordination.k8s.io"), cancellationToken: ct);
        var other = await node.AuthorizationV1.CreateSelfSubjectAccessReviewAsync(Asking("update", "leases", "kube-node-lease", "n2", group: "coordination.k8s.io"), cancellationToken: ct);

        Assert.True(own.Status.Allowed);
        Assert.False(other.Status.Allowed);
        Assert.Equal("can only access node lease with the same name as the requesting node", other.Status.Reason);
    }

    [Fact]
    public async Task AReviewWithoutAttributesIsInvalid()
    {
        var e = await Assert.ThrowsAsync<HttpOperationException>(() => _api.Client.AuthorizationV1.CreateSelfSubjectAccessReviewAsync(
            new V1SelfSubjectAccessReview { Spec = new V1SelfSubjectAccessReviewSpec() }, cancellationToken: TestContext.Current.CancellationToken));

        Assert.Equal(System.Net.HttpStatusCode.UnprocessableEntity, e.Response.StatusCode);
        Assert.Contains("SelfSubjectAccessReview.authorization.k8s.io \\\"\\\" is invalid: spec.resourceAttributes: Invalid value: null: exactly one of nonResourceAttributes or resourceAttributes must be specified",
            e.Response.Content);
    }

    [Fact]
    public async Task WhoAmIAsANodeIsTheNodesIdentity()
    {
        using var node = AsNode("n1");

        var review = await node.AuthenticationV1.CreateSelfSubjectReviewAsync(new V1SelfSubjectReview(), cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal("system:node:n1", review.Status.UserInfo.Username);
        Assert.Contains("system:authenticated", review.Status.UserInfo.Groups);
    }

    [Fact]
    public async Task ANodesRulesAreIncompleteAndNameItsOwnNode()
    {
        using var node = AsNode("n1");

        var review = await node.AuthorizationV1.CreateSelfSubjectRulesReviewAsync(new V1SelfSubjectRulesReview { Spec = new V1SelfSubjectRulesReviewSpec { NamespaceProperty = "default" } },
            cancellationToken: TestContext.Current.CancellationToken);

        Assert.True(review.Status.Incomplete);
        Assert.Contains(review.Status.ResourceRules, r => r.Resources.Contains("nodes") && r.ResourceNames?.SequenceEqual(["n1"]) == true);
        Assert.DoesNotContain(review.Status.ResourceRules, r => r.Verbs.Contains("*"));
    }

    [Fact]
    public async Task ReviewsAreNotStoredOrListable()
    {
        using var http = _api.Http;
        var list = await Raw.GetAsync(http, "/apis/authorization.k8s.io/v1/selfsubjectaccessreviews");

        Assert.Equal(405, list.Code);
        Assert.Equal("MethodNotAllowed", list.Reason);
    }
}
