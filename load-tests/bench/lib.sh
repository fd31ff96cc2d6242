# Shared by the benchmark scripts (sourced, not run). Callers set REGION, CREDENTIALS ("keyId:secret[,...]")
# and STAGE, and define mgmt() on top of mgmt_at with their management URL.

# mgmt_at BASE_URL METHOD PATH [JSON]: a SigV4-signed management call; prints the body, fails on non-2xx.
mgmt_at() {
  local base="$1" args=(-sS --fail-with-body --max-time 30 --aws-sigv4 "aws:amz:$REGION:apigateway"
    --user "${CREDENTIALS%%,*}" -X "$2" -H 'Content-Type: application/json')
  [[ -n "${4:-}" ]] && args+=(-d "$4")
  curl "${args[@]}" "$base$3" || { echo "management call failed: ${*:2}" >&2; return 1; }
}

# create_mock_api NAME API_KEY_REQUIRED(true|false): GET /t (MOCK, 200 "ok") deployed to $STAGE; prints the id.
create_mock_api() {
  local api root rid
  api="$(mgmt POST /restapis "{\"name\":\"$1\"}" | jq -r .id)"
  root="$(mgmt GET "/restapis/$api/resources" | jq -r '(.items // .item // [])[] | select(.path=="/") | .id')"
  rid="$(mgmt POST "/restapis/$api/resources/$root" '{"pathPart":"t"}' | jq -r .id)"
  mgmt PUT "/restapis/$api/resources/$rid/methods/GET" "{\"authorizationType\":\"NONE\",\"apiKeyRequired\":$2}" >/dev/null
  mgmt PUT "/restapis/$api/resources/$rid/methods/GET/integration" \
    '{"type":"MOCK","requestTemplates":{"application/json":"{\"statusCode\": 200}"}}' >/dev/null
  mgmt PUT "/restapis/$api/resources/$rid/methods/GET/responses/200" '{}' >/dev/null
  mgmt PUT "/restapis/$api/resources/$rid/methods/GET/integration/responses/200" \
    '{"responseTemplates":{"application/json":"ok"}}' >/dev/null
  mgmt POST "/restapis/$api/deployments" "{\"stageName\":\"$STAGE\"}" >/dev/null
  echo "$api"
}
