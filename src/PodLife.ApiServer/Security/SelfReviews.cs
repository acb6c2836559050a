using System.Text.Json.Nodes;
using k8s.Models;
using PodLife.ApiServer.Http;
using PodLife.ApiServer.Registry;
using PodLife.Core.Admission;

namespace PodLife.ApiServer.Security;

/// <summary>
/// The reviews a user asks about themselves, answered and never stored (kube's selfsubject*review registries):
/// SelfSubjectAccessReview and SelfSubjectRulesReview (authorization.k8s.io/v1: `kubectl auth can-i`, with
/// `--list`) and SelfSubjectReview (authentication.k8s.io/v1: `kubectl auth whoami`). The admin (system:masters)
/// may do anything; a node identity what <see cref="NodeAuthorizer"/> lets it do.
/// </summary>
public static class SelfReviews
{
    const string Authorization = "authorization.k8s.io";
    const string Authentication = "authentication.k8s.io";
    const string AuthenticatedGroup = "system:authenticated";

    public static readonly ResourceDefinition AccessReviews = Review(Authorization, "selfsubjectaccessreviews", "SelfSubjectAccessReview",
        ObjectCodec.For<V1SelfSubjectAccessReview>());

    public static readonly ResourceDefinition RulesReviews = Review(Authorization, "selfsubjectrulesreviews", "SelfSubjectRulesReview",
        ObjectCodec.For<V1SelfSubjectRulesReview>());

    public static readonly ResourceDefinition SubjectReviews = Review(Authentication, "selfsubjectreviews", "SelfSubjectReview",
        ObjectCodec.For<V1SelfSubjectReview>());

    public static IReadOnlyList<ResourceDefinition> Definitions => [SubjectReviews, AccessReviews, RulesReviews];

    static ResourceDefinition Review(string group, string resource, string kind, ObjectCodec codec) =>
        new(group, "v1", resource, resource[..^1], kind, false, codec, new ResourceStrategy()) { Verbs = ["create"] };

    public static bool Answers(ResourceDefinition def) => def == AccessReviews || def == RulesReviews || def == SubjectReviews;

    /// <summary>The review <paramref name="review"/> (as the client sent it) with its status filled in for <paramref name="user"/>.</summary>
    public static JsonObject Answer(ResourceDefinition def, JsonObject review, UserInfo user)
    {
        review["apiVersion"] = def.ApiVersion;
        review["kind"] = def.Kind;
        review["metadata"] ??= new JsonObject();
        review["status"] = def == SubjectReviews ? WhoAmI(user)
            : def == RulesReviews ? Rules(user)
            : Access(review, user);
        return review;
    }

    static JsonObject WhoAmI(UserInfo user) => new()
    {
        // kube-apiserver adds every authenticated user to system:authenticated.
        ["userInfo"] = new JsonObject
        {
            ["username"] = user.Name,
            ["groups"] = Strings([.. user.Groups, .. user.Groups.Contains(AuthenticatedGroup) ? Array.Empty<string>() : [AuthenticatedGroup]]),
        },
    };

    static JsonObject Access(JsonObject review, UserInfo user)
    {
        var spec = review["spec"] as JsonObject;
        var resource = spec?["resourceAttributes"] as JsonObject;
        var nonResource = spec?["nonResourceAttributes"] as JsonObject;
        // ValidateSelfSubjectAccessReviewSpec
        if (resource is not null && nonResource is not null)
            throw Invalid(FieldError.Invalid(FieldPath.Root("spec", "nonResourceAttributes"), nonResource.ToJsonString(), "cannot be specified in combination with resourceAttributes"));
        if (resource is null && nonResource is null)
            throw Invalid(FieldError.Invalid(FieldPath.Root("spec", "resourceAttributes"), null, "exactly one of nonResourceAttributes or resourceAttributes must be specified"));
        if (user.NodeName is not { } node) return Allowed();
        var why = resource is not null ? NodeResourceDenial(node, resource) : NodeNonResourceDenial(nonResource!);
        return why is null ? Allowed() : new JsonObject { ["allowed"] = false, ["reason"] = why };
    }

    static JsonObject Allowed() => new() { ["allowed"] = true };

    static string? NodeResourceDenial(string node, JsonObject attributes)
    {
        string At(string field) => attributes.Str(field);
        var verb = At("verb");
        if (verb == "*" || At("resource") == "*" || At("group") == "*") return $"node '{node}' may not use wildcards";
        var info = new RequestInfo(verb, At("group"), At("version"), At("namespace"), At("resource"), At("name"), At("subresource"));
        // What a node may do to a pod depends on the pod; the review names at most the pod, not where it is bound.
        return NodeAuthorizer.Deny(node, info, target: null);
    }

    // Every authenticated user may read the discovery and health documents (system:discovery, system:public-info-viewer).
    static string? NodeNonResourceDenial(JsonObject attributes)
    {
        var path = attributes.Str("path");
        var open = attributes.Str("verb") == "get" && PublicPaths.Any(p => p.EndsWith('*') ? path.StartsWith(p[..^1], StringComparison.Ordinal) : path == p);
        return open ? null : "only the discovery and health documents are open to every user";
    }

    static readonly string[] PublicPaths = ["/api", "/api/*", "/apis", "/apis/*", "/healthz", "/livez", "/openapi", "/openapi/*", "/readyz", "/version", "/version/"];

    // RulesFor as RBAC would list them: cluster-admin's for system:masters, then what every user may do (system:basic-user,
    // system:discovery, system:public-info-viewer). A node's rules depend on which pods are bound to it: incomplete.
    static JsonObject Rules(UserInfo user)
    {
        var resourceRules = new JsonArray();
        var nonResourceRules = new JsonArray();
        var status = new JsonObject();
        if (user.NodeName is not { } node)
        {
            resourceRules.Add(Rule(["*"], ["*"], ["*"]));
            nonResourceRules.Add(NonResourceRule(["*"], ["*"]));
        }
        else
        {
            resourceRules.Add(Rule(["get", "list", "watch"], ["*"], ["*"]));
            resourceRules.Add(Rule(["create", "patch", "update"], [""], ["events"]));
            resourceRules.Add(Rule(["create", "delete", "get", "patch", "update"], [""], ["nodes", "nodes/status"], [node]));
            resourceRules.Add(Rule(["create", "delete", "get", "patch", "update"], ["coordination.k8s.io"], ["leases"], [node]));
            status["incomplete"] = true;
            status["evaluationError"] = "the status and deletion of pods depend on the node they are bound to, which rules cannot name";
        }
        resourceRules.Add(Rule(["create"], [Authorization], ["selfsubjectaccessreviews", "selfsubjectrulesreviews"]));
        resourceRules.Add(Rule(["create"], [Authentication], ["selfsubjectreviews"]));
        nonResourceRules.Add(NonResourceRule(["get"], PublicPaths));
        status["resourceRules"] = resourceRules;
        status["nonResourceRules"] = nonResourceRules;
        status["incomplete"] ??= false;
        return status;
    }

    static JsonObject Rule(string[] verbs, string[] groups, string[] resources, string[]? names = null)
    {
        var rule = new JsonObject { ["verbs"] = Strings(verbs), ["apiGroups"] = Strings(groups), ["resources"] = Strings(resources) };
        if (names is not null) rule["resourceNames"] = Strings(names);
        return rule;
    }

    static JsonObject NonResourceRule(string[] verbs, string[] urls) => new() { ["verbs"] = Strings(verbs), ["nonResourceURLs"] = Strings(urls) };

    static JsonArray Strings(IEnumerable<string> values) => new([.. values.Select(v => (JsonNode)v)]);

    static StatusException Invalid(FieldError error) =>
        Errors.Invalid(new ValidationResult([error]), Authorization, "SelfSubjectAccessReview", "");
}
