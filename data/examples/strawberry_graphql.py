"""A GraphQL endpoint with Strawberry, mounted on a FastAPI app.

pip install "strawberry-graphql[fastapi]" fastapi
"""

import strawberry
from fastapi import FastAPI
from strawberry.fastapi import GraphQLRouter


@strawberry.type
class Query:
    @strawberry.field
    def hello(self, name: str = "World") -> str:
        return f"Hello {name}"


schema = strawberry.Schema(query=Query)

# graphql_ide=None turns off the in-browser GraphiQL page, e.g. in production.
graphql_app = GraphQLRouter(schema)

app = FastAPI()
app.include_router(graphql_app, prefix="/graphql")
