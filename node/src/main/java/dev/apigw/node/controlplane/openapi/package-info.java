/** OpenAPI 3.0 / Swagger 2.0 import (ImportRestApi, PutRestApi) and export (GetExport) of REST APIs. */
package dev.apigw.node.controlplane.openapi;
